using Lyra.Exchanges.GateIo;

namespace Lyra.Exchanges.Tests.GateIo;

public sealed class GateIoSignerTests
{
    // Gate.io publishes the recipe but no numeric example; these vectors were computed independently with Python's
    // hashlib/hmac from the documented string: METHOD\n/api/v4path\nquery\nhex(sha512(body))\ntimestamp.
    [Fact]
    public void Signs_a_post_with_a_body_as_documented()
    {
        const string body = "{\"text\":\"t-abc123\",\"currency_pair\":\"BTC_USDT\",\"type\":\"limit\",\"account\":\"spot\",\"side\":\"buy\",\"amount\":\"0.001\",\"price\":\"65000\",\"time_in_force\":\"gtc\"}";
        Assert.Equal(
            "c7b6dae7446a1d3ef734d9b639e9d53adb0b22c637b6f8eb533ab319a113ae783c89ab210e09232d2b1b0b00beab7e16342f51fc7b2cc987f5690e70c658038f",
            GateIoSigner.Sign("secret-for-tests", "POST", "/api/v4/spot/orders", "", body, 1_700_000_000));
    }

    [Fact]
    public void Signs_a_get_with_a_query_and_no_body()
    {
        Assert.Equal(
            "5298d45b902727b2203f611e4c21b149ab7ac9923d52ab0e00a918a9f42a66c3f12a73ba017438dafef8d33265a6897021185df7fbe8829ec166cbb359e38cbb",
            GateIoSigner.Sign("secret-for-tests", "GET", "/api/v4/spot/orders", "currency_pair=BTC_USDT&status=open", "", 1_700_000_000));
    }
}
