namespace Lyra.Api.Ai;

/// <summary>Body of <c>GET /api/ai/models</c>.</summary>
/// <param name="Models">The configured models.</param>
/// <param name="OfflineVoters">The panel's offline analysts.</param>
/// <param name="Keys">OpenRouter keys configured (never the keys).</param>
/// <param name="CatalogError">Why the model list could not be read, when it could not.</param>
public sealed record AiModelsResponse(IReadOnlyList<ModelRow> Models, IReadOnlyList<string> OfflineVoters, int Keys, string? CatalogError);
