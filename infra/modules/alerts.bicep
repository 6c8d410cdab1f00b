metadata description = 'Alert rules on what needs a person: function failures, and Lyra\'s own alerts (drawdown breaker, exchange down, a refused key, reconciliation drift), sent to an action group that emails.'

@description('Name prefix of the rules.')
param namePrefix string

@description('Name of the action group.')
param actionGroupName string

@description('Location of the rules.')
param location string

@description('Tags.')
param tags object = {}

@description('Where alerts are emailed.')
param alertEmail string

@description('Application Insights the rules query.')
param appInsightsId string

@description('Lyra alert kinds that page someone (logged with the AlertKind property).')
param pagingAlertKinds string[] = ['drawdown_breaker', 'exchange_down', 'key_refused', 'reconciliation_drift']

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: actionGroupName
  location: 'global'
  tags: tags
  properties: {
    groupShortName: 'lyra'
    enabled: true
    emailReceivers: [{ name: 'operator', emailAddress: alertEmail, useCommonAlertSchema: true }]
  }
}

resource functionFailures 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = {
  name: '${namePrefix}function-failures'
  location: location
  tags: tags
  properties: {
    displayName: 'Lyra: function executions failing'
    description: 'More than 5 failed function executions in 15 minutes.'
    severity: 1
    enabled: true
    scopes: [appInsightsId]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      allOf: [{
        query: 'requests | where success == false'
        timeAggregation: 'Count'
        operator: 'GreaterThan'
        threshold: 5
        failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
      }]
    }
    actions: { actionGroups: [actionGroup.id] }
  }
}

resource lyraAlerts 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = {
  name: '${namePrefix}lyra-alerts'
  location: location
  tags: tags
  properties: {
    displayName: 'Lyra: drawdown breaker, exchange down or another paging alert'
    description: 'Any of Lyra\'s paging alert kinds was raised.'
    severity: 0
    enabled: true
    scopes: [appInsightsId]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT5M'
    criteria: {
      allOf: [{
        query: 'traces | extend AlertKind = tostring(customDimensions.AlertKind) | where AlertKind in (${join(map(pagingAlertKinds, k => '"${k}"'), ', ')})'
        timeAggregation: 'Count'
        dimensions: [{ name: 'AlertKind', operator: 'Include', values: ['*'] }]
        operator: 'GreaterThan'
        threshold: 0
        failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
      }]
    }
    actions: { actionGroups: [actionGroup.id] }
  }
}

@description('Action group id.')
output actionGroupId string = actionGroup.id
