using Lyra.Api;
using Lyra.Core.Hosting;
using Lyra.Security.Configuration;
using Lyra.Storage;
using Lyra.Workflows.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
// In Azure, secrets (exchange and OpenRouter keys) come from Key Vault as settings; Bicep sets Lyra__KeyVault__Uri.
builder.AddLyraKeyVault(Environment.MachineName + "/" + Environment.ProcessId);
builder.Services.AddLyraWorkflows(builder.Configuration, HostInfo.Functions);
builder.Services.AddLyraStorage(builder.Configuration);
builder.Services.AddLyraApi();
builder.Build().Run();
