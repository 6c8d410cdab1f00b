using Lyra.Api;
using Lyra.Core.Hosting;
using Lyra.Storage;
using Lyra.Workflows.Hosting;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddLyraWorkflows(builder.Configuration, HostInfo.Functions);
builder.Services.AddLyraStorage(builder.Configuration);
builder.Services.AddLyraApi();
builder.Build().Run();
