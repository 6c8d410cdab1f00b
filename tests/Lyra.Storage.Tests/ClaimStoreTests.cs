using Azure.Data.Tables;
using Lyra.Storage.Claims;
using Lyra.Storage.Tables;
using Lyra.Testing;

namespace Lyra.Storage.Tests;

/// <summary>Claims: one winner among concurrent callers, a released claim is free at once, a stale one is taken over.</summary>
public sealed class ClaimStoreTests
{
    private static async Task<ClaimTableStore> StoreAsync(Func<DateTimeOffset>? now = null) =>
        new(new TableProvider(new TableServiceClient(await Azurite.GetConnectionStringAsync()), Azurite.UniqueName()), now);

    [Fact]
    public async Task Of_eight_concurrent_callers_one_wins()
    {
        var claims = await StoreAsync();
        var won = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => claims.TryClaimAsync("s", "k", TimeSpan.FromMinutes(1)))));
        Assert.Single(won, w => w);
    }

    [Fact]
    public async Task A_released_claim_can_be_taken_at_once_and_a_held_one_cannot()
    {
        var claims = await StoreAsync();
        Assert.True(await claims.TryClaimAsync("s", "k", TimeSpan.FromMinutes(1)));
        Assert.False(await claims.TryClaimAsync("s", "k", TimeSpan.FromMinutes(1)));
        await claims.ReleaseAsync("s", "k");
        Assert.True(await claims.TryClaimAsync("s", "k", TimeSpan.FromMinutes(1)));
        Assert.True(await claims.TryClaimAsync("other", "k", TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task A_claim_older_than_the_stale_limit_is_taken_over_by_one_caller()
    {
        var now = DateTimeOffset.UtcNow;
        var claims = await StoreAsync(() => now);
        Assert.True(await claims.TryClaimAsync("s", "k", TimeSpan.FromMinutes(1)));
        now += TimeSpan.FromSeconds(2); // the holder made no progress for 2 s
        var won = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => claims.TryClaimAsync("s", "k", TimeSpan.FromSeconds(1)))));
        Assert.Single(won, w => w);
        // The takeover renewed the claim: it is fresh again.
        Assert.False(await claims.TryClaimAsync("s", "k", TimeSpan.FromSeconds(1)));
    }
}
