namespace Lyra.Exchanges.Ledger;

/// <summary>The intent ledger: every live order from before it is sent until the venue's final word.</summary>
public interface IOrderIntentStore
{
    /// <summary>Writes <paramref name="intent"/> unless one with its client id exists; returns the stored one.</summary>
    Task<OrderIntent> AddAsync(OrderIntent intent, CancellationToken cancellationToken = default);

    /// <summary>The intent of <paramref name="clientOrderId"/>, or null.</summary>
    Task<OrderIntent?> GetAsync(string clientOrderId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the stored intent if it still has <paramref name="intent"/>'s <see cref="OrderIntent.Revision"/>; returns
    /// it with the next revision.
    /// </summary>
    /// <exception cref="Lyra.Core.Errors.ConflictException">Someone else saved it first: read it again.</exception>
    Task<OrderIntent> SaveAsync(OrderIntent intent, CancellationToken cancellationToken = default);

    /// <summary>Every intent not yet resolved (pending, unknown or placed), oldest first.</summary>
    Task<IReadOnlyList<OrderIntent>> ListUnresolvedAsync(CancellationToken cancellationToken = default);

    /// <summary>The newest intents, newest first.</summary>
    Task<IReadOnlyList<OrderIntent>> ListAsync(int limit, CancellationToken cancellationToken = default);
}
