namespace Lyra.Testing.Venues;

/// <summary>What a fake venue does to the next order placement (the faults users of other bots report after timeouts).</summary>
public enum VenueFault
{
    /// <summary>Nothing: accept and answer.</summary>
    None = 0,
    /// <summary>Accept the order, then drop the connection without an answer.</summary>
    AcceptThenDrop = 1,
    /// <summary>Accept the order, then answer 504 from a "gateway" (HTML body).</summary>
    AcceptThen504 = 2,
    /// <summary>Accept the order, then answer only after the client has given up.</summary>
    SlowAck = 3,
    /// <summary>Refuse with 429 and Retry-After; nothing placed.</summary>
    RateLimit = 4,
    /// <summary>Drop the connection before accepting; nothing placed.</summary>
    DropBeforeAccept = 5,
    /// <summary>Answer 503 before accepting; nothing placed.</summary>
    UnavailableBeforeAccept = 6,
    /// <summary>Accept, but fill only part of a market order (the rest expires).</summary>
    PartialFill = 7,
}

/// <summary>How a fake venue misbehaves after it has accepted an order (the answer is lost, late or a gateway's).</summary>
public static class VenueFaultAnswers
{
    /// <summary>
    /// Applies <paramref name="fault"/> to the answer of an accepted order; true when the fault dealt with the response
    /// (dropped or 504), false when the fake should answer normally (after the delay of a slow acknowledgement).
    /// </summary>
    public static async Task<bool> AfterAcceptAsync(Microsoft.AspNetCore.Http.HttpContext ctx, VenueFault fault, TimeSpan slowAckDelay)
    {
        switch (fault)
        {
            case VenueFault.AcceptThenDrop:
                ctx.Abort();
                return true;
            case VenueFault.AcceptThen504:
                ctx.Response.StatusCode = 504;
                ctx.Response.ContentType = "text/html";
                await Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(ctx.Response, "<html><body><h1>504 Gateway Time-out</h1></body></html>");
                return true;
            case VenueFault.SlowAck:
                try
                {
                    await Task.Delay(slowAckDelay, ctx.RequestAborted);
                    return false;
                }
                catch (OperationCanceledException)
                {
                    return true; // the client gave up and closed the connection
                }

            default:
                return false;
        }
    }
}
