metadata description = 'The Lyra Functions app on Flex Consumption (Linux, dotnet-isolated): runs as the user-assigned identity, deploys from a blob container with that identity, connects to storage, Service Bus, Key Vault and Application Insights without any key.'

@description('Name of the app.')
param name string

@description('Name of the Flex Consumption plan.')
param planName string

@description('Location.')
param location string

@description('Tags (the app also gets azd-service-name).')
param tags object = {}

@description('azd service name (azure.yaml).')
param serviceName string = 'functions'

@description('The identity the app runs as.')
param identityId string

@description('Its client id.')
param identityClientId string

@description('Storage account name (AzureWebJobsStorage, deployments).')
param storageAccountName string

@description('Container the package is deployed to.')
param deploymentContainerName string

@description('Application Insights component name.')
param appInsightsName string

@description('Key Vault URI.')
param keyVaultUri string

@description('Service Bus fully qualified namespace.')
param serviceBusNamespace string

@description('Log Analytics workspace the diagnostics go to.')
param workspaceId string

@description('.NET version of the dotnet-isolated worker (the newest Flex Consumption runs).')
param dotnetVersion string = '10.0'

@description('Memory per instance (MB).')
@allowed([512, 2048, 4096])
param instanceMemoryMB int = 2048

@description('Most instances the app scales out to.')
@minValue(1)
@maxValue(1000)
param maximumInstanceCount int = 40

@description('Settings added to the identity-based ones (no secrets: those live in Key Vault).')
param appSettings object = {}

@description('Client id of the Entra ID app registration (app roles Lyra.Trader and Lyra.Admin) whose tokens App Service Authentication accepts. Empty: authentication stays off and the control routes answer 401.')
param authClientId string = ''

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' existing = {
  name: storageAccountName
}

resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = {
  name: appInsightsName
}

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: planName
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { name: 'FC1', tier: 'FlexConsumption' }
  properties: { reserved: true }
}

var identitySettings = {
  AZURE_CLIENT_ID: identityClientId
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: storage.properties.primaryEndpoints.blob
  AzureWebJobsStorage__queueServiceUri: storage.properties.primaryEndpoints.queue
  AzureWebJobsStorage__tableServiceUri: storage.properties.primaryEndpoints.table
  APPLICATIONINSIGHTS_CONNECTION_STRING: appInsights.properties.ConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  ServiceBusConnection__fullyQualifiedNamespace: serviceBusNamespace
  ServiceBusConnection__credential: 'managedidentity'
  ServiceBusConnection__clientId: identityClientId
  Lyra__KeyVault__Uri: keyVaultUri
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: union(tags, { 'azd-service-name': serviceName })
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    clientCertEnabled: false
    keyVaultReferenceIdentity: identityId
    siteConfig: {
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      remoteDebuggingEnabled: false
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${storage.properties.primaryEndpoints.blob}${deploymentContainerName}'
          authentication: { type: 'UserAssignedIdentity', userAssignedIdentityResourceId: identityId }
        }
      }
      scaleAndConcurrency: { instanceMemoryMB: instanceMemoryMB, maximumInstanceCount: maximumInstanceCount }
      runtime: { name: 'dotnet-isolated', version: dotnetVersion }
    }
  }
}

// Settings as one resource: their values are known only once storage and monitoring exist.
resource settings 'Microsoft.Web/sites/config@2024-04-01' = {
  parent: app
  name: 'appsettings'
  properties: union(appSettings, identitySettings)
}

// App Service Authentication validates Entra ID tokens and hands the caller to Lyra (X-MS-CLIENT-PRINCIPAL), which checks
// the Lyra role on control routes. Anonymous requests still reach the app: read routes are guarded by function keys.
resource auth 'Microsoft.Web/sites/config@2024-04-01' = if (!empty(authClientId)) {
  parent: app
  name: 'authsettingsV2'
  properties: {
    platform: { enabled: true }
    globalValidation: {
      requireAuthentication: false
      unauthenticatedClientAction: 'AllowAnonymous'
    }
    identityProviders: {
      azureActiveDirectory: {
        enabled: true
        registration: {
          clientId: authClientId
          openIdIssuer: '${environment().authentication.loginEndpoint}${tenant().tenantId}/v2.0'
        }
        validation: {
          allowedAudiences: ['api://${authClientId}', authClientId]
        }
      }
    }
    login: { tokenStore: { enabled: false } }
  }
}

// Basic publishing credentials (FTP and the SCM site's user/password) are off: deployments use Entra ID.
resource ftp 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'ftp'
  properties: { allow: false }
}

resource scm 'Microsoft.Web/sites/basicPublishingCredentialsPolicies@2024-04-01' = {
  parent: app
  name: 'scm'
  properties: { allow: false }
}

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: app
  properties: {
    workspaceId: workspaceId
    logs: [{ category: 'FunctionAppLogs', enabled: true }]
    metrics: [{ category: 'AllMetrics', enabled: true }]
  }
}

@description('Resource id.')
output resourceId string = app.id

@description('Name.')
output name string = app.name

@description('Default host name.')
output hostName string = app.properties.defaultHostName
