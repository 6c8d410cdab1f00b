using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Lyra.Api;
using Lyra.Web;
using Lyra.Core.Hosting;
using Lyra.Security.Access;
using Lyra.Security.Configuration;
using Lyra.Storage;
using Lyra.Workflows.Hosting;
using Lyra.Workflows.Telemetry;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using OpenTelemetry;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
// In Azure, secrets (exchange and OpenRouter keys) come from Key Vault as settings; Bicep sets Lyra__KeyVault__Uri.
builder.AddLyraKeyVault(Environment.MachineName + "/" + Environment.ProcessId);
builder.Services.AddLyraWorkflows(builder.Configuration, HostInfo.Functions);
builder.Services.AddLyraStorage(builder.Configuration);
builder.Services.AddLyraApi();
builder.Services.AddLyraWeb();
builder.Services.AddSingleton<IAccessControl, AppServiceAccessControl>();

// Telemetry (host.json telemetryMode OpenTelemetry): the worker's spans and Lyra's (one trace per decision) and metrics,
// to Application Insights with the app's identity (Entra ID ingestion; the Bicep turns local auth off).
var telemetry = builder.AddOpenTelemetry().UseFunctionsWorkerDefaults()
    .WithTracing(t => t.AddSource(LyraTelemetry.SourceName))
    .WithMetrics(m => m.AddMeter(LyraTelemetry.SourceName, Lyra.Monitoring.Metrics.RuntimeMetrics.ApiMeter));
if (!string.IsNullOrEmpty(builder.Configuration["APPLICATIONINSIGHTS_CONNECTION_STRING"]))
{
    var credential = new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(builder.Configuration["AZURE_CLIENT_ID"]));
    telemetry.UseAzureMonitorExporter(o => o.Credential = credential);
}

builder.Build().Run();
