namespace Lyra.Security.Access;

/// <summary>Who may call a route. Every route of the API has exactly one level.</summary>
public enum ApiAccess
{
    /// <summary>Anyone (the liveness probe of load balancers).</summary>
    Public,

    /// <summary>Machines and people who may look: a function key in Azure, the API key locally.</summary>
    Read,

    /// <summary>Changes what is traded (start/stop, approve/reject, manual orders, grids, arbitrage, cancels): role <see cref="LyraRoles.Trader"/>.</summary>
    Operate,

    /// <summary>Changes how Lyra runs or reads its secrets (settings, credentials, the audit): role <see cref="LyraRoles.Admin"/>.</summary>
    Administer,
}
