namespace Lyra.Notifications.Channels;

/// <summary>One HTTP delivery: no answer is retryable; an answer's status says whether trying again may help.</summary>
internal static class HttpDelivery
{
    /// <summary>Sends <paramref name="request"/>; returns null on success, else the failed response's status (the response disposed).</summary>
    /// <exception cref="NotificationDeliveryException">No answer (retryable).</exception>
    public static async Task<(int Status, string Detail)?> SendAsync(HttpClient http, HttpRequestMessage request, string channel, Func<HttpResponseMessage, CancellationToken, Task<string>>? detail,
        CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            throw new NotificationDeliveryException($"{channel}: {request.RequestUri!.Host} did not answer ({e.GetType().Name})", retryable: true);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode) return null;
            return ((int)response.StatusCode, detail is null ? " " + response.ReasonPhrase : await detail(response, ct));
        }
    }

    /// <summary>Whether a failed status may pass when tried again (timeouts, throttling, server errors).</summary>
    public static bool Retryable(int status) => status is 408 or 429 or >= 500;
}
