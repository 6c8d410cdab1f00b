using System.ComponentModel.DataAnnotations;

namespace Lyra.Ai.OpenRouter;

/// <summary>LLM voters through OpenRouter (section <c>Lyra:OpenRouter</c>). Without keys Lyra runs on the offline analysts only.</summary>
public sealed class OpenRouterOptions
{
    /// <summary>Configuration section.</summary>
    public const string Section = "Lyra:OpenRouter";

    /// <summary>OpenAI-compatible endpoint.</summary>
    [Required, Url]
    public string BaseUrl { get; set; } = "https://openrouter.ai/api/v1/";

    /// <summary>API keys (from Key Vault in Azure), used round robin. Empty = no LLM voters.</summary>
    public List<string> ApiKeys { get; set; } = [];

    /// <summary>Models on the panel, one voter each (voter name <c>llm:&lt;model&gt;</c>).</summary>
    public List<string> Models { get; set; } = [];

    /// <summary>Seconds one call may take.</summary>
    [Range(1, 300)]
    public int TimeoutSeconds { get; set; } = 20;

    /// <summary>Minutes a valid reply is reused for the identical prompt (0 = no cache).</summary>
    [Range(0, 10_080)]
    public int CacheMinutes { get; set; } = 60;

    /// <summary>
    /// Role of a model on the panel, keyed by its index in <see cref="Models"/> (<c>Lyra:OpenRouter:Roles:1</c> is the role of
    /// <c>Models:1</c>); a model without one gets a built-in role, so a panel of several models sees the trade from several sides.
    /// </summary>
    public Dictionary<string, string> Roles { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Minutes the model list (prices, context lengths) is reused before it is fetched again.</summary>
    [Range(1, 10_080)]
    public int CatalogRefreshMinutes { get; set; } = 60;

    /// <summary>USD per million prompt tokens assumed for a model the provider's list does not price (over-estimates on purpose).</summary>
    [Range(typeof(decimal), "0", "10000")]
    public decimal FallbackPromptPricePerMillion { get; set; } = 10m;

    /// <summary>USD per million completion tokens assumed for a model the provider's list does not price.</summary>
    [Range(typeof(decimal), "0", "10000")]
    public decimal FallbackCompletionPricePerMillion { get; set; } = 30m;

    /// <summary>Built-in roles, given round robin to models without a configured one.</summary>
    public static IReadOnlyList<string> DefaultRoles { get; } =
    [
        "a momentum trader who wants the trend and the indicators to confirm the trade",
        "a risk manager who looks for reasons the trade could go wrong",
        "a mean-reversion trader who asks whether the move is overextended",
    ];

    /// <summary>The role of the model at <paramref name="index"/> in <see cref="Models"/>.</summary>
    public string RoleOf(int index) =>
        Roles.TryGetValue(index.ToString(System.Globalization.CultureInfo.InvariantCulture), out var role) && !string.IsNullOrWhiteSpace(role) ? role : DefaultRoles[index % DefaultRoles.Count];

    /// <summary>Seconds a key rests after a 429 or 401 (unless the server says Retry-After).</summary>
    [Range(1, 3600)]
    public int KeyCooldownSeconds { get; set; } = 60;
}
