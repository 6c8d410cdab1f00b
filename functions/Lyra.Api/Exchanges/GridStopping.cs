namespace Lyra.Api.Exchanges;

/// <summary>What <c>DELETE /api/exchanges/grid/{id}</c> asked for.</summary>
/// <param name="GridId">The grid told to stop.</param>
/// <param name="By">Who stopped it.</param>
public sealed record GridStopping(string GridId, string By);
