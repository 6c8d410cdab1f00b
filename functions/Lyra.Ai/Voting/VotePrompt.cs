using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Lyra.Ai.Voting;

/// <summary>
/// The prompt the LLM voters get: a system message with their role and the answer format, and a user message with the
/// market context. Built in one place so the decision journal records exactly what the models saw.
/// </summary>
public static class VotePrompt
{
    /// <summary>Closes listed in the prompt.</summary>
    public const int ClosesShown = 30;

    /// <summary>The system message for a voter with <paramref name="role"/>.</summary>
    public static string System(string role) =>
        $"You are {role}, one member of a crypto trading panel. Judge the proposed trade from the market data. " +
        "Answer with JSON only: {\"action\":\"buy|sell|hold\",\"confidence\":0..1,\"horizon\":\"e.g. 4h\",\"rationale\":\"one sentence\"}.";

    /// <summary>The user message: market, proposal, position, indicators, recent decisions and the latest closes.</summary>
    public static string User(VoteContext c)
    {
        var sb = new StringBuilder();
        var n = c.Closes.Length;
        sb.Append(CultureInfo.InvariantCulture, $"Market {c.MarketKey}. Proposed: {c.ProposedAction.ToString().ToLowerInvariant()} ({c.StrategyReason}).\n");
        sb.Append("Position: ").Append(c.Position ?? (c.HasPosition ? "open" : "none")).Append('\n');
        if (c.Indicators is { Count: > 0 } ind)
        {
            sb.Append("Indicators on the last candle: ");
            sb.AppendJoin(", ", ind.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value:G6}")));
            sb.Append('\n');
        }

        if (c.RecentDecisions is { Count: > 0 } recent)
        {
            sb.Append("Recent decisions, newest first: ").AppendJoin("; ", recent).Append('\n');
        }

        sb.Append(CultureInfo.InvariantCulture, $"Last {Math.Min(n, ClosesShown)} closes, oldest first: ");
        for (var i = Math.Max(0, n - ClosesShown); i < n; i++)
        {
            if (i > Math.Max(0, n - ClosesShown)) sb.Append(", ");
            sb.Append(c.Closes[i].ToString("G6", CultureInfo.InvariantCulture));
        }

        if (n > 0)
        {
            double lo = double.MaxValue, hi = double.MinValue;
            foreach (var v in c.Lows) lo = Math.Min(lo, v);
            foreach (var v in c.Highs) hi = Math.Max(hi, v);
            sb.Append(CultureInfo.InvariantCulture, $".\nRange of the {n}-candle window: {lo:G6}..{hi:G6}.");
        }

        return sb.ToString();
    }

    /// <summary>SHA-256 (hex) of a system and user message pair: the cache key and the journal's reference.</summary>
    public static string Hash(string system, string user) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(system + "\n" + user)));
}
