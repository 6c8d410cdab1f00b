metadata description = 'Key Vault for Lyra\'s secrets (exchange and OpenRouter keys): RBAC authorization, soft delete (90 days), purge protection, audit logs to Log Analytics.'

@description('Name of the vault.')
param name string

@description('Location.')
param location string

@description('Tags.')
param tags object = {}

@description('Log Analytics workspace the diagnostics go to.')
param workspaceId string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
    networkAcls: { bypass: 'AzureServices', defaultAction: 'Allow' }
  }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: vault
  properties: {
    workspaceId: workspaceId
    logs: [{ categoryGroup: 'audit', enabled: true }]
    metrics: [{ category: 'AllMetrics', enabled: true }]
  }
}

@description('Resource id.')
output resourceId string = vault.id

@description('Name.')
output name string = vault.name

@description('Vault URI (Lyra__KeyVault__Uri).')
output uri string = vault.properties.vaultUri
