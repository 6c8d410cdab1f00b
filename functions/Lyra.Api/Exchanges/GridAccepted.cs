namespace Lyra.Api.Exchanges;

/// <summary>What <c>POST /api/exchanges/grid</c> started.</summary>
/// <param name="GridId">The grid (its journal: GET <c>/api/decisions/{id}</c>; stop it: DELETE <c>/api/exchanges/grid/{id}</c>).</param>
/// <param name="Center">The center used.</param>
/// <param name="Started">False when a grid with this id existed already.</param>
public sealed record GridAccepted(string GridId, decimal Center, bool Started);
