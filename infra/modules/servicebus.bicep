metadata description = 'Service Bus for trade events: Entra ID only (local auth off), TLS 1.2, a trade-events topic with duplicate detection and its subscriptions.'

@description('Name of the namespace.')
param name string

@description('Location.')
param location string

@description('Tags.')
param tags object = {}

@description('The topic Lyra publishes trade events to.')
param topicName string = 'trade-events'

@description('Subscriptions on the topic (one per consumer).')
param subscriptionNames string[] = ['audit', 'notifications']

@description('How long Service Bus remembers a MessageId to drop a republished event (ISO 8601).')
param duplicateDetectionWindow string = 'PT1H'

@description('Log Analytics workspace the diagnostics go to.')
param workspaceId string

resource namespace 'Microsoft.ServiceBus/namespaces@2022-10-01-preview' = {
  name: name
  location: location
  tags: tags
  sku: { name: 'Standard', tier: 'Standard' }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
    publicNetworkAccess: 'Enabled'
  }
}

resource topic 'Microsoft.ServiceBus/namespaces/topics@2022-10-01-preview' = {
  parent: namespace
  name: topicName
  properties: {
    requiresDuplicateDetection: true
    duplicateDetectionHistoryTimeWindow: duplicateDetectionWindow
    supportOrdering: true
    defaultMessageTimeToLive: 'P14D'
  }
}

resource subscriptions 'Microsoft.ServiceBus/namespaces/topics/subscriptions@2022-10-01-preview' = [for s in subscriptionNames: {
  parent: topic
  name: s
  properties: {
    maxDeliveryCount: 10
    deadLetteringOnMessageExpiration: true
    lockDuration: 'PT1M'
  }
}]

resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: namespace
  properties: {
    workspaceId: workspaceId
    logs: [{ categoryGroup: 'allLogs', enabled: true }]
    metrics: [{ category: 'AllMetrics', enabled: true }]
  }
}

@description('Resource id.')
output resourceId string = namespace.id

@description('Name.')
output name string = namespace.name

@description('Fully qualified namespace (ServiceBusConnection__fullyQualifiedNamespace).')
output fullyQualifiedNamespace string = replace(replace(namespace.properties.serviceBusEndpoint, 'https://', ''), ':443/', '')

@description('Topic name.')
output topicName string = topic.name
