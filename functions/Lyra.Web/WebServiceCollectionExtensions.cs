using Lyra.Web.Live;
using Microsoft.Extensions.DependencyInjection;

namespace Lyra.Web;

/// <summary>Registers the dashboard's services.</summary>
public static class WebServiceCollectionExtensions
{
    /// <summary>Adds the live event stream (the dashboard's files need no services).</summary>
    public static IServiceCollection AddLyraWeb(this IServiceCollection services) => services.AddSingleton<LiveEvents>();
}
