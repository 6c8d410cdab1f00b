using Lyra.Workflows.Telemetry;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Lyra.Cli.Hosting;

/// <summary>
/// The local host's telemetry: Lyra's traces (one per decision) and metrics, off by default; <c>console</c> prints
/// them, <c>otlp</c> sends them to an OpenTelemetry collector (<c>Lyra:Telemetry:OtlpEndpoint</c>, HTTP/protobuf).
/// Independently, the metrics are served for Prometheus at <see cref="PrometheusPath"/> (on unless
/// <c>Lyra:Telemetry:Prometheus</c> is false), behind the same access control as the API.
/// </summary>
public static class LocalTelemetry
{
    /// <summary>Settings section.</summary>
    public const string Section = "Lyra:Telemetry";

    /// <summary>Where Prometheus scrapes.</summary>
    public const string PrometheusPath = "/metrics";

    /// <summary>The meters exported: Lyra's trading measurements and the API's.</summary>
    public static string[] Meters { get; } = [LyraTelemetry.SourceName, Lyra.Monitoring.Metrics.RuntimeMetrics.ApiMeter];

    /// <summary>Whether the Prometheus endpoint is served (<c>Lyra:Telemetry:Prometheus</c>, default true).</summary>
    public static bool PrometheusEnabled(Microsoft.Extensions.Configuration.IConfiguration configuration) =>
        configuration[Section + ":Prometheus"] is not { } v || !v.Equals("false", StringComparison.OrdinalIgnoreCase);

    /// <summary>Adds the exporter <c>Lyra:Telemetry:Exporter</c> names (none, console or otlp), and the Prometheus exporter.</summary>
    /// <exception cref="OptionsValidationException">An unknown exporter or a bad endpoint, naming the setting.</exception>
    public static void Add(IHostApplicationBuilder builder)
    {
        if (PrometheusEnabled(builder.Configuration)) builder.AddOpenTelemetry().WithMetrics(m => m.AddMeter(Meters).AddPrometheusExporter());
        var exporter = (builder.Configuration[Section + ":Exporter"] ?? "none").Trim().ToLowerInvariant();
        if (exporter == "none") return;
        var endpointText = builder.Configuration[Section + ":OtlpEndpoint"] ?? "http://localhost:4318";
        if (exporter is not ("console" or "otlp")) throw Invalid($"{Section}:Exporter: '{exporter}' is not none, console or otlp");
        if (!Uri.TryCreate(endpointText, UriKind.Absolute, out var endpoint) || endpoint.Scheme is not ("http" or "https"))
        {
            throw Invalid($"{Section}:OtlpEndpoint: '{endpointText}' is not an absolute http(s) address");
        }

        var otel = builder.AddOpenTelemetry();
        if (exporter == "console")
        {
            otel.WithTracing(t => t.AddSource(LyraTelemetry.SourceName).AddConsoleExporter()).WithMetrics(m => m.AddMeter(Meters).AddConsoleExporter());
            return;
        }

        var root = endpoint.ToString().TrimEnd('/');
        otel.WithTracing(t => t.AddSource(LyraTelemetry.SourceName).AddOtlpExporter(o => Otlp(o, root + "/v1/traces")))
            .WithMetrics(m => m.AddMeter(Meters).AddOtlpExporter(o => Otlp(o, root + "/v1/metrics")));
    }

    private static void Otlp(OtlpExporterOptions o, string url)
    {
        o.Endpoint = new Uri(url);
        o.Protocol = OtlpExportProtocol.HttpProtobuf;
    }

    private static OptionsValidationException Invalid(string failure) => new(Section, typeof(LocalTelemetry), [failure]);
}
