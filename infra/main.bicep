targetScope = 'subscription'

metadata description = 'Lyra on Azure: the Functions app (Flex Consumption) with its identity, storage, Key Vault, Service Bus, monitoring and alerts. Deployed by azd up.'

@minLength(1)
@maxLength(64)
@description('azd environment name; names and tags derive from it.')
param environmentName string

@minLength(1)
@description('Region of every resource (one Flex Consumption supports).')
param location string

@description('Where alerts are emailed.')
param alertEmail string

@description('The deploying user (azd sets it): may then set secrets in Key Vault. Empty for none.')
param principalId string = ''

@description('Most instances the app scales out to.')
param maximumInstanceCount int = 40

@description('Client id of the Entra ID app registration for App Service Authentication (app roles Lyra.Trader, Lyra.Admin); empty leaves it off.')
param authClientId string = ''

var abbrs = loadJsonContent('abbreviations.json')
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))
var tags = { 'azd-env-name': environmentName }
var deploymentContainerName = 'app-package-${take(resourceToken, 7)}'
// Names known before anything is deployed (modules that reference these resources get names, not outputs).
var names = {
  identity: '${abbrs.managedIdentityUserAssignedIdentities}${resourceToken}'
  workspace: '${abbrs.operationalInsightsWorkspaces}${resourceToken}'
  appInsights: '${abbrs.insightsComponents}${resourceToken}'
  storage: '${abbrs.storageStorageAccounts}${resourceToken}'
  vault: '${abbrs.keyVaultVaults}${resourceToken}'
  serviceBus: '${abbrs.serviceBusNamespaces}${resourceToken}'
  app: '${abbrs.webSitesFunctions}${resourceToken}'
  plan: '${abbrs.webServerFarms}${resourceToken}'
  actionGroup: '${abbrs.insightsActionGroups}${resourceToken}'
}

resource rg 'Microsoft.Resources/resourceGroups@2022-09-01' = {
  name: '${abbrs.resourcesResourceGroups}${environmentName}'
  location: location
  tags: tags
}

module identity 'modules/identity.bicep' = {
  name: 'identity'
  scope: rg
  params: {
    name: names.identity
    location: location
    tags: tags
  }
}

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  scope: rg
  params: {
    workspaceName: names.workspace
    appInsightsName: names.appInsights
    location: location
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  scope: rg
  params: {
    name: names.storage
    location: location
    tags: tags
    deploymentContainerName: deploymentContainerName
    workspaceId: monitoring.outputs.workspaceId
  }
}

module vault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  scope: rg
  params: {
    name: names.vault
    location: location
    tags: tags
    workspaceId: monitoring.outputs.workspaceId
  }
}

module serviceBus 'modules/servicebus.bicep' = {
  name: 'servicebus'
  scope: rg
  params: {
    name: names.serviceBus
    location: location
    tags: tags
    workspaceId: monitoring.outputs.workspaceId
  }
}

module roles 'modules/roles.bicep' = {
  name: 'roles'
  scope: rg
  params: {
    identityName: names.identity
    userPrincipalId: principalId
    storageAccountName: names.storage
    keyVaultName: names.vault
    serviceBusName: names.serviceBus
    appInsightsName: names.appInsights
  }
  dependsOn: [identity, storage, vault, serviceBus, monitoring]
}

module functions 'modules/functionapp.bicep' = {
  name: 'functions'
  scope: rg
  params: {
    name: names.app
    planName: names.plan
    location: location
    tags: tags
    identityId: identity.outputs.resourceId
    identityClientId: identity.outputs.clientId
    storageAccountName: names.storage
    deploymentContainerName: deploymentContainerName
    appInsightsName: names.appInsights
    keyVaultUri: vault.outputs.uri
    serviceBusNamespace: serviceBus.outputs.fullyQualifiedNamespace
    workspaceId: monitoring.outputs.workspaceId
    maximumInstanceCount: maximumInstanceCount
    authClientId: authClientId
    appSettings: {
      // Trade events: written to the outbox and drained to the topic with the app's identity.
      Lyra__Events__Outbox: 'true'
      Lyra__Events__ServiceBus__Namespace: serviceBus.outputs.fullyQualifiedNamespace
      Lyra__Events__ServiceBus__Topic: serviceBus.outputs.topicName
      // The dashboard is at / (host.json's route prefix is empty): the host's own start page steps aside.
      AzureWebJobsDisableHomepage: 'true'
    }
  }
  // The app's first start needs its storage and Application Insights roles.
  dependsOn: [roles]
}

module alerts 'modules/alerts.bicep' = {
  name: 'alerts'
  scope: rg
  params: {
    namePrefix: abbrs.insightsScheduledQueryRules
    actionGroupName: names.actionGroup
    location: location
    tags: tags
    alertEmail: alertEmail
    appInsightsId: monitoring.outputs.appInsightsId
  }
}

output AZURE_LOCATION string = location
output AZURE_TENANT_ID string = tenant().tenantId
output AZURE_RESOURCE_GROUP string = rg.name
output AZURE_FUNCTION_APP_NAME string = functions.outputs.name
output AZURE_FUNCTION_URI string = 'https://${functions.outputs.hostName}'
output AZURE_KEY_VAULT_NAME string = vault.outputs.name
output AZURE_KEY_VAULT_ENDPOINT string = vault.outputs.uri
output AZURE_SERVICE_BUS_NAMESPACE string = serviceBus.outputs.fullyQualifiedNamespace
output AZURE_CLIENT_ID string = identity.outputs.clientId
