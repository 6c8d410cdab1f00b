namespace Lyra.Risk.Gate;

/// <summary>One rule the gate evaluated, with the value it saw and the limit.</summary>
/// <param name="Rule">Machine-readable rule name (<c>kill_switch</c>, <c>max_open_positions</c>, ...).</param>
/// <param name="Passed">Whether the rule allowed the order.</param>
/// <param name="Value">The measured value.</param>
/// <param name="Limit">The limit it was compared with.</param>
/// <param name="Detail">Human-readable explanation.</param>
public sealed record RiskCheck(string Rule, bool Passed, decimal Value, decimal Limit, string Detail);
