using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Lyra.Core.Errors;
using Lyra.Core.Trading;
using Lyra.Exchanges.Ledger;
using Lyra.Exchanges.Orders;
using Lyra.Exchanges.Venues;

namespace Lyra.Exchanges.Live;

/// <summary>
/// A real venue behind <see cref="IExchange"/>, placing every order exactly once:
/// <list type="number">
/// <item>the intent is written to the ledger before the request is sent, and each send is counted there first;</item>
/// <item>after a timeout, a reset, a 5xx or a "duplicate client id", the order is looked up by client id (open orders,
/// then history) — a few times, with a growing grace, because a request can reach the venue late — before it may be sent
/// again; a POST is never repeated blindly;</item>
/// <item>a refusal (bad parameters, balance, key) is final: nothing was traded;</item>
/// <item>two executions of one intent (a redelivered activity) cannot both send: each send saves the intent at the
/// revision it read, and the loser looks the order up instead.</item>
/// </list>
/// A market order is then polled until the venue reports it final (or <see cref="LiveExchangeOptions.FillWait"/>).
/// </summary>
public sealed class LiveExchange(IVenueClient venue, IOrderIntentStore intents, LiveExchangeOptions options, TimeProvider time) : IExchange
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _busy = new(StringComparer.Ordinal);
    private volatile bool _keyChecked;

    /// <inheritdoc />
    public string Name => venue.Venue;

    /// <summary>The connector.</summary>
    public IVenueClient Venue => venue;

    /// <summary>Why this venue takes no orders (a key that can withdraw), or null.</summary>
    public string? Refusal { get; private set; }

    /// <summary>
    /// Checks the key where the venue reports its permissions: a key that can withdraw is refused (every order is then
    /// rejected with the reason). Returns what was found, for the log.
    /// </summary>
    public async Task<KeyPermissions> CheckKeyAsync(CancellationToken cancellationToken = default)
    {
        var permissions = await venue.GetKeyPermissionsAsync(cancellationToken);
        _keyChecked = true;
        if (permissions.Known && permissions.CanWithdraw)
        {
            Refusal = $"{venue.Venue}: the API key can withdraw funds; Lyra trades only with keys that cannot ({permissions.Detail}). Create a key without withdrawal permission.";
        }
        else if (permissions.Known && !permissions.CanTrade)
        {
            Refusal = $"{venue.Venue}: the API key cannot trade ({permissions.Detail})";
        }

        return permissions;
    }

    /// <inheritdoc />
    public async Task<OrderResult> PlaceOrderAsync(OrderRequest request, CancellationToken cancellationToken = default)
    {
        if (await intents.GetAsync(request.ClientOrderId, cancellationToken) is { } known) return await ResolveAsync(known, cancellationToken);
        // The first order waits for the key check, so a key that can withdraw never trades, not even at start-up.
        if (!_keyChecked) await CheckKeyAsync(cancellationToken);
        if (Refusal is not null) return Refused(request, Refusal);
        if (request.Quantity <= 0 || request.Side == TradeAction.Hold || request.LimitPrice <= 0)
        {
            return Refused(request, request.Quantity <= 0 ? "quantity must be positive" : request.LimitPrice <= 0 ? "limit price must be positive" : "side must be buy or sell");
        }

        Instrument instrument;
        try
        {
            instrument = await venue.GetInstrumentAsync(SymbolOf(request.MarketKey), cancellationToken);
        }
        catch (VenueException e) when (e.Kind == VenueErrorKind.Rejected)
        {
            return Refused(request, e.Message);
        }

        if (!instrument.Tradable) return Refused(request, $"{venue.Venue} has trading on {instrument.VenueSymbol} halted");
        var quantity = instrument.RoundQuantity(request.Quantity);
        // A limit price goes to the venue's tick, never to a worse price than asked (a buy rounds down, a sell up).
        var limit = request.LimitPrice is { } asked && instrument.TickSize > 0
            ? (request.Side == TradeAction.Buy ? Math.Floor(asked / instrument.TickSize) : Math.Ceiling(asked / instrument.TickSize)) * instrument.TickSize
            : request.LimitPrice;
        var price = limit ?? (await venue.GetTickerAsync(instrument.VenueSymbol, cancellationToken)).Last;
        if (instrument.CheckMinimums(quantity, price) is { } tooSmall) return Refused(request, tooSmall);

        var intent = await intents.AddAsync(new OrderIntent(request.ClientOrderId, venue.Venue, venue.FormatClientId(request.ClientOrderId), request.MarketKey,
            instrument.Symbol, request.Side, limit is null ? OrderType.Market : OrderType.Limit, quantity, limit, time.GetUtcNow(), OrderIntentState.Pending,
            QuantityStep: instrument.QuantityStep), cancellationToken);
        return await ResolveAsync(intent, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<OrderResult?> GetOrderAsync(string clientOrderId, CancellationToken cancellationToken = default) =>
        await intents.GetAsync(clientOrderId, cancellationToken) is { } intent && intent.Venue == venue.Venue ? await ResolveAsync(intent, cancellationToken) : null;

    /// <summary>Brings one intent as far as it can go now (look up, send, poll) and returns the outcome.</summary>
    public async Task<OrderResult> ResolveAsync(OrderIntent intent, CancellationToken cancellationToken = default)
    {
        // One driver per client id in this process; across processes the revision check decides.
        var gate = _busy.GetOrAdd(intent.ClientOrderId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            var fresh = await intents.GetAsync(intent.ClientOrderId, cancellationToken) ?? intent;
            return ToResult(await DriveAsync(fresh, cancellationToken));
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    public async Task<OrderResult?> CancelOrderAsync(string clientOrderId, CancellationToken cancellationToken = default)
    {
        var intent = await intents.GetAsync(clientOrderId, cancellationToken);
        if (intent is null || intent.Venue != venue.Venue) return null;
        if (intent.VenueOrderId is null || !intent.IsResolved) await ResolveAsync(intent, cancellationToken);
        intent = (await intents.GetAsync(clientOrderId, cancellationToken))!;
        if (intent.IsResolved || intent.VenueOrderId is null) return ToResult(intent);
        var order = await venue.CancelOrderAsync(intent.Symbol, intent.VenueOrderId, cancellationToken);
        return ToResult(await SaveAsync(intent.With(order).Note(Now, $"cancel requested: {order.State}, filled {order.FilledQuantity}"), cancellationToken));
    }

    /// <summary>The venue's bid and ask of <paramref name="marketKey"/> now, with its published taker fee.</summary>
    public async Task<ExchangeQuote> QuoteAsync(string marketKey, CancellationToken cancellationToken = default)
    {
        var instrument = await venue.GetInstrumentAsync(SymbolOf(marketKey), cancellationToken);
        var ticker = await venue.GetTickerAsync(instrument.VenueSymbol, cancellationToken);
        return new ExchangeQuote(marketKey, ticker.Bid, ticker.Ask, Paper.VenueImitation.TakerFee(venue.Venue), venue.Venue + " ticker");
    }

    /// <inheritdoc />
    public async Task<VenueCheck> CheckAsync(IReadOnlyCollection<string> marketKeys, CancellationToken cancellationToken = default)
    {
        var watch = Stopwatch.StartNew();
        var tradable = new List<string>();
        try
        {
            foreach (var key in marketKeys)
            {
                var i = await venue.GetInstrumentAsync(SymbolOf(key), cancellationToken);
                if (i.Tradable && (await venue.GetTickerAsync(i.VenueSymbol, cancellationToken)).Last > 0) tradable.Add(key);
            }
        }
        catch (VenueException e)
        {
            return new VenueCheck(e.Kind != VenueErrorKind.Unknown, tradable, $"{e.Message} after {watch.ElapsedMilliseconds} ms");
        }

        return new VenueCheck(true, tradable, string.Create(CultureInfo.InvariantCulture,
            $"{venue.Venue}: {tradable.Count} of {marketKeys.Count} market(s) tradable; pairs and tickers read in {watch.ElapsedMilliseconds} ms"));
    }

    private async Task<OrderIntent> DriveAsync(OrderIntent intent, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                var (done, next) = await StepAsync(intent, ct);
                if (done) return next;
                intent = next;
            }
            catch (ConflictException)
            {
                // Another host moved the intent on: continue from what it wrote (it counted any send it made).
                intent = await intents.GetAsync(intent.ClientOrderId, ct) ?? intent;
            }
        }
    }

    // One step of the intent's life: returns (true, intent) when nothing more can be done now.
    private async Task<(bool Done, OrderIntent Intent)> StepAsync(OrderIntent intent, CancellationToken ct)
    {
        switch (intent.State)
        {
            case OrderIntentState.Final or OrderIntentState.NotPlaced:
                return (true, intent);
            case OrderIntentState.Placed:
                return (true, await SettleAsync(intent, ct));
        }

        // Pending or unknown. A send was counted (or an answer was lost): the venue may have the order.
        if (intent.Sends > 0 || intent.State == OrderIntentState.Unknown)
        {
            // Patient: the send counted may be another host's, still on its way to the venue.
            var found = await LookupAsync(intent, ct);
            if (found is not null)
            {
                return (false, await SaveAsync(intent.With(found).Note(Now, $"found by client id {intent.VenueClientId}: {found.State}, venue id {found.VenueOrderId}"), ct));
            }

            // Not found, but the last send may still be on its way (another host's, or a slow network): wait it out first.
            if (intent.LastSendAt is { } sent && Now - sent < options.InFlightWindow)
            {
                await Task.Delay(options.InFlightWindow - (Now - sent), time, ct);
                return (false, await intents.GetAsync(intent.ClientOrderId, ct) ?? intent);
            }

            if (intent.Sends >= options.MaxSends)
            {
                return (true, await SaveAsync(intent with { State = OrderIntentState.NotPlaced, LastError = $"not on {venue.Venue} after {intent.Sends} send(s) and lookups" }, ct));
            }
        }

        // Count the send before sending: a crash from here on leaves Sends > 0, so a restart looks up first.
        intent = await SaveAsync((intent with { Sends = intent.Sends + 1, State = OrderIntentState.Pending, LastSendAt = Now }).Note(Now, $"send {intent.Sends + 1}"), ct);

        VenueOrder placed;
        try
        {
            placed = await venue.PlaceOrderAsync(new VenueOrderRequest(intent.VenueClientId, intent.Symbol, intent.Side, intent.Type, intent.Quantity, intent.Price), ct);
        }
        catch (VenueException e)
        {
            return (false, await OnSendFailedAsync(intent, e, ct));
        }

        return (false, await SaveAsync(intent.With(placed).Note(Now, $"accepted: venue id {placed.VenueOrderId}, {placed.State}"), ct));
    }

    private async Task<OrderIntent> OnSendFailedAsync(OrderIntent intent, VenueException e, CancellationToken ct)
    {
        switch (e.Kind)
        {
            case VenueErrorKind.Rejected or VenueErrorKind.Unauthorized:
                return await SaveAsync((intent with { State = OrderIntentState.NotPlaced, LastError = e.Message }).Note(Now, "refused: " + e.Message), ct);
            case VenueErrorKind.RateLimited:
                // A 429 placed nothing: the send is taken back, so the next attempt sends without looking up first.
                var wait = e.RetryAfter ?? TimeSpan.FromSeconds(1);
                intent = await SaveAsync((intent with { Sends = intent.Sends - 1, LastSendAt = null, LastError = e.Message }).Note(Now, $"rate limited; waiting {wait.TotalSeconds:0.###} s"), ct);
                if (wait > options.MaxRateLimitWait) throw e;
                await Task.Delay(wait, time, ct);
                return intent;
            default:
                // Unknown outcome (timeout, reset, 5xx, unreadable answer) or "duplicate client id": look it up.
                return await SaveAsync((intent with { State = OrderIntentState.Unknown, LastError = e.Message }).Note(Now, $"outcome unknown: {e.Message}"), ct);
        }
    }

    // Looks the order up by client id, a few times with a growing wait (a request can reach the venue late).
    private async Task<VenueOrder?> LookupAsync(OrderIntent intent, CancellationToken ct)
    {
        var grace = options.LookupGrace;
        var attempts = options.LookupAttempts;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var found = await venue.FindByClientIdAsync(intent.Symbol, intent.VenueClientId, intent.CreatedAt, ct);
                if (found is not null) return found;
            }
            catch (VenueException e) when (e.Kind is VenueErrorKind.Unknown or VenueErrorKind.RateLimited or VenueErrorKind.BadResponse)
            {
                // Not knowing is not "not there": give up this attempt; the intent stays unresolved for the reconciler.
                if (attempt >= attempts) throw;
            }

            if (attempt >= attempts) return null;
            await Task.Delay(grace, time, ct);
            grace *= 2;
        }
    }

    // Polls a placed market order until the venue reports it final, within the fill wait; a resting limit order is read
    // once (its tracker asks again later).
    private async Task<OrderIntent> SettleAsync(OrderIntent intent, CancellationToken ct)
    {
        if (intent.Type != OrderType.Market)
        {
            if (intent.IsResolved || await venue.GetOrderAsync(intent.Symbol, intent.VenueOrderId!, ct) is not { } now || now.State == intent.VenueState
                && now.FilledQuantity == intent.FilledQuantity) return intent;
            return await SaveAsync(intent.With(now).Note(Now, $"now {now.State}, filled {now.FilledQuantity}"), ct);
        }

        var deadline = Now + options.FillWait;
        var interval = options.PollInterval;
        while (!intent.IsResolved && Now < deadline)
        {
            await Task.Delay(interval, time, ct);
            interval = TimeSpan.FromTicks(Math.Min(interval.Ticks * 2, TimeSpan.TicksPerSecond));
            if (await venue.GetOrderAsync(intent.Symbol, intent.VenueOrderId!, ct) is { } order && order.State != intent.VenueState)
            {
                intent = await SaveAsync(intent.With(order).Note(Now, $"now {order.State}, filled {order.FilledQuantity}"), ct);
            }
        }

        return intent;
    }

    private async Task<OrderIntent> SaveAsync(OrderIntent intent, CancellationToken ct) => await intents.SaveAsync(intent, ct);

    private DateTimeOffset Now => time.GetUtcNow();

    private OrderResult ToResult(OrderIntent i)
    {
        // A fee taken in the base asset reduces what is held. Lyra books the quantity net of it, rounded down to the venue's
        // step so the position can be sold whole later; the fee and the unsellable dust are booked in quote.
        var (quote, @base) = (i.Symbol[(i.Symbol.IndexOf('/', StringComparison.Ordinal) + 1)..], i.Symbol[..Math.Max(0, i.Symbol.IndexOf('/', StringComparison.Ordinal))]);
        var filled = i.FilledQuantity;
        var fee = 0m;
        if (string.Equals(i.FeeAsset, @base, StringComparison.OrdinalIgnoreCase))
        {
            var net = i.FilledQuantity - i.Fee;
            filled = i.QuantityStep > 0 ? Math.Floor(net / i.QuantityStep) * i.QuantityStep : net;
            fee = (i.FilledQuantity - filled) * i.AveragePrice;
        }
        else if (string.Equals(i.FeeAsset, quote, StringComparison.OrdinalIgnoreCase) || i.FeeAsset is null)
        {
            fee = i.Fee;
        }

        var status = i.State == OrderIntentState.NotPlaced ? OrderStatus.Rejected : i.VenueState switch
        {
            VenueOrderState.Filled => OrderStatus.Filled,
            VenueOrderState.PartiallyFilled => OrderStatus.PartiallyFilled,
            VenueOrderState.Canceled => OrderStatus.Canceled,
            VenueOrderState.Expired => OrderStatus.Expired,
            VenueOrderState.Rejected => OrderStatus.Rejected,
            _ => OrderStatus.New,
        };
        var reason = status == OrderStatus.Rejected ? i.LastError ?? "refused" : status is OrderStatus.Canceled or OrderStatus.Expired ? $"{status} on {venue.Venue} after {filled} filled" : null;
        return new OrderResult(i.ClientOrderId, i.VenueOrderId ?? "", i.MarketKey, i.Side, status, i.Quantity, filled, i.AveragePrice, Math.Round(fee, 8),
            i.UpdatedAt ?? i.CreatedAt, reason, i.Price);
    }

    private OrderResult Refused(OrderRequest r, string reason) =>
        new(r.ClientOrderId, "", r.MarketKey, r.Side, OrderStatus.Rejected, r.Quantity, 0, 0, 0, Now, reason);

    private static string SymbolOf(string marketKey)
    {
        var parts = marketKey.Split(':');
        return parts.Length == 3 ? parts[1] : throw new ValidationException("market", $"'{marketKey}' is not exchange:SYMBOL:timeframe");
    }
}
