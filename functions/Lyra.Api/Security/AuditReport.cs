using Lyra.Core.Journals;
using Lyra.Security.Audit;

namespace Lyra.Api.Security;

/// <summary>The answer of <c>GET /api/security/audit</c>.</summary>
/// <param name="Entries">The newest entries, newest first.</param>
/// <param name="Chain">The chain check over every entry, when asked for (<c>verify=true</c>).</param>
public sealed record AuditReport(IReadOnlyList<AuditEntry> Entries, ChainVerification? Chain);
