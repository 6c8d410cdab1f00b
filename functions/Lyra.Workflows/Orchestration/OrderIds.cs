using Lyra.Core.Ids;

namespace Lyra.Workflows.Orchestration;

/// <summary>How an order's client id derives from its decision (so a retry or a replay reconciles instead of ordering twice).</summary>
public static class OrderIds
{
    /// <summary>The client order id of a decision.</summary>
    public static string ClientOrderId(string decisionId) => DeterministicId.From("ly", 30, decisionId);
}
