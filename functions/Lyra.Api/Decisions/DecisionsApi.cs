using Lyra.Api.Http;
using Lyra.Api.Routing;
using Lyra.Core.Errors;
using Lyra.Core.Journals;
using Lyra.Workflows.Orchestration;
using Microsoft.AspNetCore.Http;

namespace Lyra.Api.Decisions;

/// <summary>
/// The decision journal: list and read decisions, verify the hash chain, and answer a decision that waits for approval
/// (the answer goes to the waiting TradeFlow as its <c>approval</c> event).
/// </summary>
public sealed class DecisionsApi(IJournalStore<DecisionJournal> decisions, TimeProvider time) : IApiHandler
{
    /// <inheritdoc />
    public IReadOnlyList<ApiRoute> Routes { get; } = [ApiRoutes.Decisions, ApiRoutes.Decision, ApiRoutes.VerifyDecisions, ApiRoutes.Approve, ApiRoutes.Reject];

    /// <inheritdoc />
    public Task<ApiResult> HandleAsync(ApiRoute route, ApiRequest request, CancellationToken cancellationToken) => route.Name switch
    {
        "ListDecisions" => ListAsync(request, cancellationToken),
        "GetDecision" => GetAsync(request, cancellationToken),
        "VerifyDecisions" => VerifyAsync(request, cancellationToken),
        _ => AnswerAsync(request, route == ApiRoutes.Approve, cancellationToken),
    };

    private async Task<ApiResult> ListAsync(ApiRequest request, CancellationToken ct)
    {
        var q = request.Query("market", "status", "limit", "before");
        var status = q.Enum<DecisionStatus>("status");
        // Paging: the next page is the decisions whose candle is older than the last one shown (the journal's order).
        var before = q.Time("before");
        var list = await decisions.ListAsync(new JournalQuery(q.MarketKey(), status is { } s ? DecisionJournal.StateName(s) : null, q.Limit(), To: before?.AddTicks(-1)), ct);
        return ApiResult.Ok(list.Select(DecisionSummary.Of).ToList(), ApiRoutes.Decisions.Module, time.GetUtcNow());
    }

    private async Task<ApiResult> GetAsync(ApiRequest request, CancellationToken ct)
    {
        request.Query();
        var id = ValidId(request.Id);
        var journal = await decisions.GetAsync(id, ct) ?? throw new NotFoundException($"decision '{id}' does not exist");
        return ApiResult.Ok(journal, ApiRoutes.Decision.Module, time.GetUtcNow());
    }

    private async Task<ApiResult> VerifyAsync(ApiRequest request, CancellationToken ct)
    {
        request.Query();
        var v = await decisions.VerifyAsync(ct);
        return ApiResult.Ok(new ChainReport(v.Intact, v.Entries, v.FirstBroken, v.EntryId, v.Reason), ApiRoutes.VerifyDecisions.Module, time.GetUtcNow(),
            v.Intact ? $"journal chain intact ({v.Entries} entries)" : $"journal chain BROKEN at entry {v.FirstBroken}: {v.Reason}");
    }

    private async Task<ApiResult> AnswerAsync(ApiRequest request, bool approve, CancellationToken ct)
    {
        request.Query();
        var body = await request.BodyAsync<ApprovalRequest>(required: false, ct);
        if (body?.By is { Length: > 100 }) throw new ValidationException("by", "by must be at most 100 characters");
        if (body?.Reason is { Length: > 500 }) throw new ValidationException("reason", "reason must be at most 500 characters");
        var id = ValidId(request.Id);
        var journal = await decisions.GetAsync(id, ct) ?? throw new NotFoundException($"decision '{id}' does not exist");
        if (journal.Status != DecisionStatus.AwaitingApproval)
        {
            throw new ConflictException($"decision '{id}' is {DecisionJournal.StateName(journal.Status)}, not awaiting approval");
        }

        await request.Flows.RaiseApprovalAsync(id, new ApprovalDecision(approve, body?.By, body?.Reason), ct);
        var route = approve ? ApiRoutes.Approve : ApiRoutes.Reject;
        return ApiResult.Ok(new ApprovalAnswer(id, approve, body?.By, body?.Reason), route.Module, time.GetUtcNow(),
            approve ? "approval sent: the flow places the order" : "rejection sent: the flow ends without an order", StatusCodes.Status202Accepted);
    }

    private static string ValidId(string? id)
    {
        if (string.IsNullOrWhiteSpace(id) || id.Length > 100 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new ValidationException("id", $"'{id}' is not a decision id (letters, digits, '-' and '_', at most 100)");
        }

        return id;
    }
}
