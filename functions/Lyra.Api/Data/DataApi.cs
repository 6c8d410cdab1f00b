using Lyra.Api.Http;
using Lyra.Api.Routing;
using Lyra.Core.Errors;
using Lyra.Data.Candles;
using Lyra.Data.Markets;
using Lyra.Data.Quality;
using Lyra.Workflows.Configuration;
using Microsoft.Extensions.Options;

namespace Lyra.Api.Data;

/// <summary>
/// Stored candles over HTTP: <c>GET /api/data/historical/{symbol}</c> (a range or the newest window of a market) and
/// <c>GET /api/data/quality</c> (gaps, inconsistent candles, freshness per collected market).
/// </summary>
public sealed class DataApi(ICandleStore candles, IOptions<CollectOptions> collect, TimeProvider time) : IApiHandler
{
    /// <summary>Most candles one request returns.</summary>
    public const int MaxCandles = 5000;

    /// <inheritdoc />
    public IReadOnlyList<ApiRoute> Routes { get; } = [ApiRoutes.DataHistorical, ApiRoutes.DataQuality];

    /// <inheritdoc />
    public Task<ApiResult> HandleAsync(ApiRoute route, ApiRequest request, CancellationToken cancellationToken) =>
        route == ApiRoutes.DataHistorical ? HistoricalAsync(request, cancellationToken) : QualityAsync(request, cancellationToken);

    private async Task<ApiResult> HistoricalAsync(ApiRequest request, CancellationToken ct)
    {
        var q = request.Query("exchange", "timeframe", "from", "to", "limit");
        var market = Resolve(request.Id ?? "", q.Text("exchange"), q.Text("timeframe"));
        var limit = q.Limit(500, MaxCandles);
        var (from, to) = (q.Time("from"), q.Time("to"));
        if (from is { } f && to is { } t && t < f) throw new ValidationException("to", $"to {t:O} is before from {f:O}");
        IReadOnlyList<Candle> rows;
        if (from is { } start)
        {
            // Never read more than a page: the range ends where `limit` candles from `from` would.
            var end = to ?? time.GetUtcNow();
            var pageEnd = start + (market.Timeframe.Duration * (limit - 1));
            var range = await candles.GetRangeAsync(market, start, end < pageEnd ? end : pageEnd, ct);
            rows = range.Count > limit ? [.. range.Take(limit)] : range;
        }
        else
        {
            var end = to ?? await candles.GetLatestTimeAsync(market, ct);
            rows = end is { } e ? await candles.GetWindowAsync(market, e, limit, ct) : [];
        }

        var page = new HistoricalCandles(market.Key, market.Timeframe.Code, rows.Count, [.. rows.Select(c => new CandleRow(c.OpenTime, c.Open, c.High, c.Low, c.Close, c.Volume))]);
        return ApiResult.Ok(page, ApiRoutes.DataHistorical.Module, time.GetUtcNow(), $"{rows.Count} {market.Timeframe} candles of {market.Key}");
    }

    private async Task<ApiResult> QualityAsync(ApiRequest request, CancellationToken ct)
    {
        var q = request.Query("market", "days");
        var days = q.Int("days", 7, 1, 90);
        var now = time.GetUtcNow();
        var markets = q.MarketKey() is { } key ? [Market.Parse(key)] : Configured();
        var reports = new List<CandleQualityReport>();
        foreach (var m in markets)
        {
            var from = m.Timeframe.Floor(now - TimeSpan.FromDays(days));
            reports.Add(CandleQuality.Assess(m, await candles.GetRangeAsync(m, from, now, ct), from, now));
        }

        var bad = reports.Count(r => r.Stale || r.Gaps > 0 || r.Invalid > 0 || r.OffGrid > 0);
        return ApiResult.Ok(reports, ApiRoutes.DataQuality.Module, now, bad == 0 ? $"{reports.Count} market(s) complete and fresh" : $"{bad} of {reports.Count} market(s) need a look");
    }

    private List<Market> Configured() => [.. collect.Value.Markets.Select(m => Market.Parse(m))];

    // A market key (binance:BTCUSDT:1m), or a symbol of a collected market (narrowed by exchange and timeframe).
    private Market Resolve(string id, string? exchange, string? timeframe)
    {
        if (id.Contains(':', StringComparison.Ordinal)) return Market.Parse(id, "symbol");
        if (id.Length == 0) throw new ValidationException("symbol", "a symbol is required: /api/data/historical/BTCUSDT");
        var matches = Configured().Where(m => string.Equals(m.Symbol, id, StringComparison.OrdinalIgnoreCase)
            && (exchange is null || string.Equals(m.Exchange, exchange, StringComparison.OrdinalIgnoreCase))
            && (timeframe is null || m.Timeframe.Code == timeframe)).ToList();
        return matches.Count switch
        {
            1 => matches[0],
            0 when exchange is not null && timeframe is not null => Market.Parse($"{exchange}:{id}:{timeframe}", "symbol"),
            0 => throw new NotFoundException($"no collected market trades '{id}' (collected: {string.Join(", ", collect.Value.Markets)}); give exchange and timeframe for another"),
            _ => throw new ValidationException("symbol", $"'{id}' is collected as {string.Join(", ", matches.Select(m => m.Key))}: narrow it with exchange or timeframe"),
        };
    }
}

/// <summary>A page of stored candles.</summary>
/// <param name="Market">Market key.</param>
/// <param name="Timeframe">Interval.</param>
/// <param name="Count">Candles returned.</param>
/// <param name="Candles">Oldest first.</param>
public sealed record HistoricalCandles(string Market, string Timeframe, int Count, IReadOnlyList<CandleRow> Candles);

/// <summary>One candle.</summary>
/// <param name="Time">Open time (UTC).</param>
/// <param name="Open">First price.</param>
/// <param name="High">Highest price.</param>
/// <param name="Low">Lowest price.</param>
/// <param name="Close">Last price.</param>
/// <param name="Volume">Base volume.</param>
public sealed record CandleRow(DateTimeOffset Time, decimal Open, decimal High, decimal Low, decimal Close, decimal Volume);
