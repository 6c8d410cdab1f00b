using System.Diagnostics;
using System.Globalization;
using Lyra.Ai.Costs;
using Lyra.Api.Config;
using Lyra.Core.Health;
using Lyra.Exchanges.Venues;
using Lyra.Risk.Gate;
using Lyra.Workflows.Application;
using Lyra.Workflows.Orchestration;
using Microsoft.Extensions.Options;

namespace Lyra.Api.Testing;

/// <summary>
/// Checks a deployment before it trades (<c>GET /api/testing/validate</c>, <c>lyra doctor</c>): every settings section,
/// storage and the durable engine, each enabled venue (reachable, clock skew, what the key may do), the AI voters and
/// their budget, risk limits that contradict each other, and market data freshness. Each check says why it fails.
/// </summary>
public sealed class Preflight(SettingsValidation settings, IEnumerable<IHealthProbe> probes, VenueRegistry venues, IOptionsMonitor<VenueOptions> venueOptions,
    IOptionsMonitor<RiskLimits> limits, PortfolioValuation portfolio, CostManager costs, TimeProvider time)
{
    /// <summary>Clock skew at which a venue is flagged (signed requests carry a timestamp the venue checks).</summary>
    public static TimeSpan SkewWarning { get; } = TimeSpan.FromSeconds(2);

    /// <summary>Clock skew at which a venue fails (beyond the receive windows venues accept).</summary>
    public static TimeSpan SkewFailure { get; } = TimeSpan.FromSeconds(5);

    /// <summary>Runs every check; never throws for a failing dependency (that is a failed check).</summary>
    public async Task<PreflightReport> RunAsync(ITradeFlowClient flows, CancellationToken cancellationToken = default)
    {
        var sw = Stopwatch.StartNew();
        var checks = new List<PreflightCheck>();
        foreach (var s in settings.Run())
        {
            checks.Add(new("configuration", s.Section, s.Valid ? PreflightCheck.Pass : PreflightCheck.Fail, s.Valid ? "valid" : string.Join("; ", s.Failures)));
        }

        var health = new List<Task<ModuleHealth>> { flows.CheckHealthAsync(cancellationToken) };
        health.AddRange(probes.Select(p => p.CheckAsync(cancellationToken)));
        foreach (var h in await Task.WhenAll(health))
        {
            checks.Add(new(AreaOf(h.Module), h.Module, h.Status switch
            {
                ModuleHealth.Healthy => PreflightCheck.Pass,
                ModuleHealth.Degraded => PreflightCheck.Warn,
                _ => PreflightCheck.Fail,
            }, h.Detail));
        }

        foreach (var venue in venues.Enabled.Order(StringComparer.Ordinal))
        {
            checks.AddRange(await VenueAsync(venue, cancellationToken));
        }

        checks.Add(await BudgetAsync(cancellationToken));
        checks.AddRange(await RiskAsync(cancellationToken));
        return new PreflightReport(checks.All(c => c.Status != PreflightCheck.Fail), checks, Math.Round(sw.Elapsed.TotalMilliseconds, 1));
    }

    private static string AreaOf(string module) => module switch
    {
        "durable" or "durable_engine" => "durable",
        "ai_voters" => "ai",
        "market_data" => "market_data",
        "storage" => "storage",
        _ => "exchange",
    };

    private async Task<IReadOnlyList<PreflightCheck>> VenueAsync(string venue, CancellationToken ct)
    {
        var client = venues.Client(venue)!;
        var list = new List<PreflightCheck>();
        try
        {
            var before = time.GetUtcNow();
            var server = await client.GetServerTimeAsync(ct);
            var after = time.GetUtcNow();
            // The server's time is compared with the middle of the round trip.
            var skew = server - (before + ((after - before) / 2));
            var abs = skew.Duration();
            list.Add(new("exchange", venue + " clock", abs >= SkewFailure ? PreflightCheck.Fail : abs >= SkewWarning ? PreflightCheck.Warn : PreflightCheck.Pass,
                string.Create(CultureInfo.InvariantCulture, $"reachable; this host's clock is {-skew.TotalMilliseconds:+0;-0} ms off {venue}'s (round trip {(after - before).TotalMilliseconds:0} ms)")));
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            list.Add(new("exchange", venue + " clock", PreflightCheck.Fail, $"{venue} is not reachable: {e.Message}"));
            return list;
        }

        if (!venueOptions.Get(venue).HasCredentials)
        {
            list.Add(new("exchange", venue + " key", PreflightCheck.Fail, $"no API key for {venue}: set Lyra:Exchanges:{venue}:ApiKey and ApiSecret in the vault"));
            return list;
        }

        try
        {
            var p = await client.GetKeyPermissionsAsync(ct);
            var status = !p.Known ? PreflightCheck.Warn : p.CanWithdraw || !p.CanTrade ? PreflightCheck.Fail : PreflightCheck.Pass;
            var why = !p.Known ? p.Detail : p.CanWithdraw ? "the key may withdraw: give Lyra a trade-only key" : !p.CanTrade ? "the key may not trade" : "trade-only key";
            list.Add(new("exchange", venue + " key", status, why));
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            list.Add(new("exchange", venue + " key", PreflightCheck.Fail, $"{venue} refused the key: {e.Message}"));
        }

        return list;
    }

    private async Task<PreflightCheck> BudgetAsync(CancellationToken ct)
    {
        try
        {
            var (today, month) = await costs.ReportAsync(ct);
            foreach (var (period, label) in new[] { (today, "daily"), (month, "monthly") })
            {
                if (period.RemainingUsd is <= 0) return new("ai", "budget", PreflightCheck.Fail, $"the {label} AI budget of US$ {period.BudgetUsd} is used up ({period.Period}): paid voters are skipped");
            }

            return new("ai", "budget", PreflightCheck.Pass, string.Create(CultureInfo.InvariantCulture,
                $"left today: {(today.RemainingUsd is { } d ? "US$ " + d.ToString("0.####", CultureInfo.InvariantCulture) : "no cap")}, this month: {(month.RemainingUsd is { } m ? "US$ " + m.ToString("0.####", CultureInfo.InvariantCulture) : "no cap")}"));
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            return new("ai", "budget", PreflightCheck.Fail, "the AI cost ledger cannot be read: " + e.Message);
        }
    }

    // Limits each valid alone but contradicting each other: the gate would refuse every order, or a limit never binds.
    private async Task<IReadOnlyList<PreflightCheck>> RiskAsync(CancellationToken ct)
    {
        var l = limits.CurrentValue;
        var list = new List<PreflightCheck>();
        list.Add(l.MaxPositionPercent > l.MaxExposurePercent
            ? new("risk", "position vs exposure", PreflightCheck.Fail, $"Lyra:Risk:MaxPositionPercent {l.MaxPositionPercent} exceeds MaxExposurePercent {l.MaxExposurePercent}: one position could never be opened in full")
            : new("risk", "position vs exposure", PreflightCheck.Pass, $"a position ({l.MaxPositionPercent} %) fits the exposure limit ({l.MaxExposurePercent} %)"));
        list.Add(l.DailyLossLimitPercent > l.MaxDrawdownPercent
            ? new("risk", "daily loss vs drawdown", PreflightCheck.Warn, $"Lyra:Risk:DailyLossLimitPercent {l.DailyLossLimitPercent} exceeds MaxDrawdownPercent {l.MaxDrawdownPercent}: the drawdown breaker trips first")
            : new("risk", "daily loss vs drawdown", PreflightCheck.Pass, $"daily loss limit {l.DailyLossLimitPercent} % ≤ drawdown breaker {l.MaxDrawdownPercent} %"));
        if (l.MaxOpenPositions * l.MaxPositionPercent > l.MaxExposurePercent)
        {
            list.Add(new("risk", "open positions", PreflightCheck.Warn,
                $"{l.MaxOpenPositions} positions of {l.MaxPositionPercent} % exceed the exposure limit of {l.MaxExposurePercent} %: the exposure limit binds first"));
        }

        try
        {
            var equity = (await portfolio.GetAsync(ct)).Snapshot.Equity;
            var largest = equity * l.MaxPositionPercent / 100m;
            list.Add(largest < l.MinOrderNotional
                ? new("risk", "minimum order", PreflightCheck.Fail, $"the largest position ({largest:0.##} at equity {equity:0.##}) is below Lyra:Risk:MinOrderNotional {l.MinOrderNotional}: every buy would be refused")
                : new("risk", "minimum order", PreflightCheck.Pass, $"the largest position ({largest:0.##}) is above the minimum order ({l.MinOrderNotional})"));
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            list.Add(new("risk", "minimum order", PreflightCheck.Fail, "the portfolio cannot be read: " + e.Message));
        }

        return list;
    }
}
