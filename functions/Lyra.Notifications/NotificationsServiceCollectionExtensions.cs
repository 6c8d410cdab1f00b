using Lyra.Notifications.Channels;
using Lyra.Notifications.Delivery;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Lyra.Notifications;

/// <summary>Registers the notification channels of <c>Lyra:Notifications</c> and the <see cref="Notifier"/>.</summary>
public static class NotificationsServiceCollectionExtensions
{
    /// <summary>The HttpClient name of the webhook channels.</summary>
    public const string HttpClientName = "lyra-notifications";

    /// <summary>Adds notifications; bad channel settings are start-up errors naming them.</summary>
    public static IServiceCollection AddLyraNotifications(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<NotificationOptions>().Bind(configuration.GetSection(NotificationOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>();
        services.AddHttpClient(HttpClientName, h => h.Timeout = TimeSpan.FromSeconds(10));
        var names = configuration.GetSection(NotificationOptions.Section + ":Channels").GetChildren().Select(c => c.Key).ToList();
        foreach (var name in names)
        {
            services.AddSingleton<INotificationChannel>(sp =>
            {
                var c = sp.GetRequiredService<IOptions<NotificationOptions>>().Value.Channels[name];
                var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
                if (c.Type == EmailChannel.TypeName) return new EmailChannel(name, c);
                if (c.Type == TelegramChannel.TypeName) return new TelegramChannel(name, c.ChatId!, TelegramChannel.CreateClient(c.Token!, c.BaseUrl, http), c.Template);
                if (c.Type == SmsChannel.TypeName) return new SmsChannel(name, c, http);
                return new WebhookChannel(name, c.Type, new Uri(c.Url!), c.Secret, http, sp.GetRequiredService<TimeProvider>(), c.Template);
            });
        }

        services.AddSingleton<Notifier>();
        services.AddSingleton<NotificationDispatcher>();
        return services;
    }
}
