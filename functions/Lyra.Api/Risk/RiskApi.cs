using Lyra.Api.Http;
using Lyra.Api.Routing;
using Lyra.Core.Errors;
using Lyra.Core.Trading;
using Lyra.Data.Markets;
using Lyra.Risk.Gate;
using Lyra.Risk.Sizing;
using Lyra.Workflows.Application;
using Microsoft.Extensions.Options;

namespace Lyra.Api.Risk;

/// <summary>
/// The risk area: what the gate would decide now (<c>assess</c>), position sizing by method, and the portfolio risk
/// report. All three are read-only: nothing is placed and nothing is recorded.
/// </summary>
public sealed class RiskApi(RiskAssessor risk, PortfolioValuation portfolio, IOptionsMonitor<RiskLimits> limits, TimeProvider time) : IApiHandler
{
    /// <inheritdoc />
    public IReadOnlyList<ApiRoute> Routes { get; } = [ApiRoutes.RiskAssess, ApiRoutes.RiskPositionSize, ApiRoutes.RiskReport];

    /// <inheritdoc />
    public Task<ApiResult> HandleAsync(ApiRoute route, ApiRequest request, CancellationToken cancellationToken) => route.Name switch
    {
        "RiskAssess" => AssessAsync(request, cancellationToken),
        "RiskPositionSize" => PositionSizeAsync(request, cancellationToken),
        _ => ReportAsync(request, cancellationToken),
    };

    private async Task<ApiResult> AssessAsync(ApiRequest request, CancellationToken ct)
    {
        request.Query();
        var body = await request.BodyAsync<RiskAssessRequest>(required: true, ct) ?? throw new ValidationException("$", "a JSON body is required");
        var market = Market.Parse(body.Market ?? throw new ValidationException("market", "market is required"), "market");
        var action = body.Action switch
        {
            "buy" => TradeAction.Buy,
            "sell" => TradeAction.Sell,
            _ => throw new ValidationException("action", $"action '{body.Action}' must be buy or sell"),
        };
        if (body.Price is <= 0) throw new ValidationException("price", "price must be positive");
        var decision = await risk.AssessAsync(market.Key, action, body.Price, ct);
        return ApiResult.Ok(decision, ApiRoutes.RiskAssess.Module, time.GetUtcNow(), $"{decision.Verdict}".ToLowerInvariant());
    }

    private async Task<ApiResult> PositionSizeAsync(ApiRequest request, CancellationToken ct)
    {
        request.Query();
        var b = await request.BodyAsync<PositionSizeRequest>(required: true, ct) ?? throw new ValidationException("$", "a JSON body is required");
        var price = b.Price ?? throw new ValidationException("price", "price is required");
        if (price <= 0) throw new ValidationException("price", "price must be positive");
        var step = b.Step ?? limits.CurrentValue.QuantityStep;
        var min = b.MinQuantity ?? step;
        Func<decimal, PositionSizeResponse> size = b.Method switch
        {
            "fixed_fractional" => e => new PositionSizeResponse(PositionSizer.FixedFractional(e, b.RiskFraction ?? 0.01m, price,
                b.Stop ?? throw new ValidationException("stop", "stop is required"), step, min), null),
            "kelly" => e => Kelly(PositionSizer.Kelly(e, b.WinRate ?? throw new ValidationException("win_rate", "win_rate is required"),
                b.Payoff ?? throw new ValidationException("payoff", "payoff is required"), b.KellyFraction ?? 0.5, b.Cap ?? 0.25, price, step, min)),
            "volatility" => e => new PositionSizeResponse(PositionSizer.VolatilityTarget(e, b.TargetRisk ?? 0.01m,
                b.Atr ?? throw new ValidationException("atr", "atr is required"), price, b.MaxFraction ?? 1m, step, min), null),
            _ => throw new ValidationException("method", $"method '{b.Method}' must be fixed_fractional, kelly or volatility"),
        };

        // Sizing is checked on the given equity (or none) before the portfolio is read: bad input costs no storage call.
        var result = size(b.Equity ?? 0m);
        var equity = b.Equity ?? (await portfolio.GetAsync(ct)).Snapshot.Equity;
        if (b.Equity is null) result = size(equity);
        return ApiResult.Ok(result, ApiRoutes.RiskPositionSize.Module, time.GetUtcNow(), $"sized from equity {equity}");
    }

    private static PositionSizeResponse Kelly((decimal Quantity, double KellyFraction) k) => new(k.Quantity, k.KellyFraction);

    private async Task<ApiResult> ReportAsync(ApiRequest request, CancellationToken ct)
    {
        var bars = request.Query("bars").Int("bars", 250, 10, 5000);
        var report = await risk.ReportAsync(bars, ct);
        return ApiResult.Ok(report, ApiRoutes.RiskReport.Module, time.GetUtcNow());
    }
}
