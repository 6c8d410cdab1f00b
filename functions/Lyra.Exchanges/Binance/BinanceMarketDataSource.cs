using System.Globalization;
using System.Net;
using System.Text.Json;
using Lyra.Data.Candles;
using Lyra.Data.Markets;
using Lyra.Data.Sources;

namespace Lyra.Exchanges.Binance;

/// <summary>
/// Closed candles from Binance's public market-data endpoint <c>GET /api/v3/klines</c> (no API key).
/// Pages through history 1000 candles at a time and drops the still-open candle.
/// Errors (<c>{"code":-1121,"msg":"Invalid symbol."}</c>, 429/418 with <c>Retry-After</c>) become <see cref="ExchangeApiException"/>.
/// </summary>
public sealed class BinanceMarketDataSource(HttpClient http) : IMarketDataSource
{
    /// <summary>Binance's largest page.</summary>
    public const int MaxLimit = 1000;

    /// <inheritdoc />
    public string Name => "binance";

    /// <inheritdoc />
    public async Task<IReadOnlyList<Candle>> GetClosedCandlesAsync(Market market, DateTimeOffset? after, DateTimeOffset now, int maxCandles, CancellationToken cancellationToken = default)
    {
        var tfMs = market.Timeframe.Milliseconds;
        var nowMs = now.ToUnixTimeMilliseconds();
        var start = after is null ? nowMs - (tfMs * (maxCandles + 1)) : after.Value.ToUnixTimeMilliseconds() + 1;
        var result = new List<Candle>();
        while (result.Count < maxCandles)
        {
            var limit = Math.Min(MaxLimit, maxCandles - result.Count + 1);
            var url = string.Create(CultureInfo.InvariantCulture, $"api/v3/klines?symbol={market.Symbol}&interval={market.Timeframe.Code}&startTime={start}&limit={limit}");
            var page = await GetPageAsync(url, cancellationToken);
            var closedInPage = 0;
            foreach (var k in page)
            {
                // k[6] is the close time (open + interval - 1 ms); the candle is closed once it has passed.
                if (k.CloseTime >= nowMs || result.Count >= maxCandles) break;
                result.Add(k.Candle);
                closedInPage++;
            }

            if (page.Count < limit || closedInPage < page.Count || page.Count == 0) break;
            start = page[^1].Candle.OpenTime.ToUnixTimeMilliseconds() + 1;
        }

        return result;
    }

    private async Task<List<(Candle Candle, long CloseTime)>> GetPageAsync(string url, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(url, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode) throw ToError(response, body);
        try
        {
            using var doc = JsonDocument.Parse(body);
            var rows = new List<(Candle, long)>(doc.RootElement.GetArrayLength());
            foreach (var k in doc.RootElement.EnumerateArray())
            {
                var candle = new Candle(
                    DateTimeOffset.FromUnixTimeMilliseconds(k[0].GetInt64()),
                    Num(k[1]), Num(k[2]), Num(k[3]), Num(k[4]), Num(k[5]));
                rows.Add((candle, k[6].GetInt64()));
            }

            return rows;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or IndexOutOfRangeException or FormatException)
        {
            throw new ExchangeApiException("binance", (int)response.StatusCode, null, "unexpected klines payload: " + e.Message);
        }
    }

    private static decimal Num(JsonElement e) => decimal.Parse(e.GetString() ?? "", NumberStyles.Float, CultureInfo.InvariantCulture);

    private static ExchangeApiException ToError(HttpResponseMessage response, string body)
    {
        int? code = null;
        var msg = body.Length > 200 ? body[..200] : body;
        try
        {
            using var doc = JsonDocument.Parse(body);
            if (doc.RootElement.TryGetProperty("code", out var c) && c.TryGetInt32(out var ci)) code = ci;
            if (doc.RootElement.TryGetProperty("msg", out var m)) msg = m.GetString() ?? msg;
        }
        catch (JsonException)
        {
            // Not JSON (a proxy or WAF page): keep the raw text.
        }

        TimeSpan? retry = response.Headers.RetryAfter?.Delta;
        if (retry is null && response.StatusCode is HttpStatusCode.TooManyRequests or (HttpStatusCode)418) retry = TimeSpan.FromSeconds(60);
        return new ExchangeApiException("binance", (int)response.StatusCode, code, msg, retry);
    }
}
