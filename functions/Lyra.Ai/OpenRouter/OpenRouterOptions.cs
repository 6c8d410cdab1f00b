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

    /// <summary>Seconds a key rests after a 429 or 401 (unless the server says Retry-After).</summary>
    [Range(1, 3600)]
    public int KeyCooldownSeconds { get; set; } = 60;
}
