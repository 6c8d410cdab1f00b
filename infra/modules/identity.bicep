metadata description = 'The user-assigned managed identity the function app runs as (every data-plane access is granted to it).'

@description('Name of the identity.')
param name string

@description('Location.')
param location string

@description('Tags.')
param tags object = {}

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: name
  location: location
  tags: tags
}

@description('Resource id.')
output resourceId string = identity.id

@description('Client id (AZURE_CLIENT_ID, the __clientId of identity-based connections).')
output clientId string = identity.properties.clientId

@description('Principal id (role assignments).')
output principalId string = identity.properties.principalId
