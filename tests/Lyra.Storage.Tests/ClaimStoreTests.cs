using Azure.Data.Tables;
using Lyra.Storage.Claims;
using Lyra.Storage.Tables;
using Lyra.Testing;

namespace Lyra.Storage.Tests;

/// <summary>Claims: one winner among concurrent callers, a released claim is free at once, a stale one is taken over.</summary>
public sealed class ClaimStoreTests
{
    private static async Task<ClaimTableStore> StoreAsync() =>
        new(new TableProvider(new TableServiceClient(await Azurite.GetConnectionStringAsync()), Azurite.UniqueName()));

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
        var claims = await StoreAsync();
        Assert.True(await claims.TryClaimAsync("s", "k", TimeSpan.FromMinutes(1)));
        // Stale for a 1 s limit. The limit must be long compared with the contenders' spread: with 10 ms, a loaded machine
        // let a second contender read the winner's renewed claim more than 10 ms later and (rightly) find it stale too.
        await Task.Delay(1100);
        var won = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => claims.TryClaimAsync("s", "k", TimeSpan.FromSeconds(1)))));
        Assert.Single(won, w => w);
        // The takeover renewed the claim: it is fresh again for a caller with a longer limit.
        Assert.False(await claims.TryClaimAsync("s", "k", TimeSpan.FromMinutes(1)));
    }
}
