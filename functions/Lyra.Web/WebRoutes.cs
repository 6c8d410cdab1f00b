namespace Lyra.Web;

/// <summary>The web routes both hosts map besides the API table: the dashboard and its live event stream.</summary>
public static class WebRoutes
{
    /// <summary>The dashboard page.</summary>
    public const string Dashboard = "/";

    /// <summary>The dashboard's scripts, styles and chart library (<c>/dashboard/{asset}</c>).</summary>
    public const string AssetPrefix = "dashboard/";

    /// <summary>The live stream (Server-Sent Events), a read route.</summary>
    public const string Events = "api/events";
}
