namespace Lyra.Notifications;

/// <summary>Settings of <c>Lyra:Notifications</c>: the channels, and which notifications go where.</summary>
public sealed class NotificationOptions
{
    /// <summary>Settings section.</summary>
    public const string Section = "Lyra:Notifications";

    /// <summary>Channels by name.</summary>
    public Dictionary<string, ChannelOptions> Channels { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Routes, each sending matching notifications to its channels (a notification may match several).</summary>
    public List<RouteOptions> Routes { get; set; } = [];

    /// <summary>Attempts per delivery (the first included).</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Wait before the first retry; doubled before each next one.</summary>
    public double RetryDelaySeconds { get; set; } = 2;

    /// <summary>How often this host drains the notification outbox; 0: it does not (another host does).</summary>
    public double DispatchSeconds { get; set; } = 10;

    /// <summary>
    /// Mode per kind (an alert kind or event type; <c>*</c> for the rest): <c>on</c> (as it happens), <c>silent</c>
    /// (without sound: Telegram's silent messages, no SMS), <c>digest</c> (collected, sent as one message every
    /// <see cref="DigestMinutes"/>) or <c>off</c>. Fills and partial fills are <c>digest</c> unless set, everything else <c>on</c>.
    /// </summary>
    public Dictionary<string, string> Events { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The digest period (digests go out on its boundaries, counted from midnight UTC).</summary>
    public double DigestMinutes { get; set; } = 60;

    /// <summary>Hours in which only urgent notifications go out; the rest wait for their end.</summary>
    public QuietHoursOptions QuietHours { get; set; } = new();
}

/// <summary>Quiet hours (<c>Lyra:Notifications:QuietHours</c>): off unless both ends are set.</summary>
public sealed class QuietHoursOptions
{
    /// <summary>Start, <c>HH:mm</c> in <see cref="TimeZone"/> (e.g. 22:00).</summary>
    public string? Start { get; set; }

    /// <summary>End, <c>HH:mm</c> (e.g. 07:00; before the start: the quiet hours span midnight).</summary>
    public string? End { get; set; }

    /// <summary>IANA time zone of the two ends.</summary>
    public string TimeZone { get; set; } = "UTC";

    /// <summary>The least severity that is not held back.</summary>
    public string MinSeverity { get; set; } = "critical";
}

/// <summary>One channel.</summary>
public sealed class ChannelOptions
{
    /// <summary><c>webhook</c>, <c>slack</c>, <c>discord</c>, <c>teams</c>, <c>email</c>, <c>telegram</c> or <c>sms</c>.</summary>
    public string Type { get; set; } = "webhook";

    /// <summary>email: the SMTP server.</summary>
    public string? Host { get; set; }

    /// <summary>email: its port (587 submission with STARTTLS by default).</summary>
    public int Port { get; set; } = 587;

    /// <summary>email: <c>starttls</c> (default), <c>ssl</c> (implicit TLS, port 465) or <c>none</c> (loopback relays only).</summary>
    public string Security { get; set; } = "starttls";

    /// <summary>email: the sender address; sms: the sending number (E.164, <c>+15005550006</c>).</summary>
    public string? From { get; set; }

    /// <summary>email: the recipients; sms: their numbers (E.164).</summary>
    public List<string> To { get; set; } = [];

    /// <summary>email: the SMTP user (none: no authentication).</summary>
    public string? Username { get; set; }

    /// <summary>email: the SMTP password (from the vault).</summary>
    public string? Password { get; set; }

    /// <summary>Where to POST (an incoming-webhook URL is a secret: keep it in the vault).</summary>
    public string? Url { get; set; }

    /// <summary>The HMAC key of <c>webhook</c> channels (from the vault).</summary>
    public string? Secret { get; set; }

    /// <summary>telegram: the bot token from BotFather (<c>123456:ABC…</c>, from the vault).</summary>
    public string? Token { get; set; }

    /// <summary>telegram: the chat (a numeric id, negative for groups, or <c>@channel</c>).</summary>
    public string? ChatId { get; set; }

    /// <summary>sms: the Twilio account SID (<c>AC</c> and 32 hex digits).</summary>
    public string? AccountSid { get; set; }

    /// <summary>sms: the Twilio auth token (from the vault).</summary>
    public string? AuthToken { get; set; }

    /// <summary>telegram / sms: the API root, when not the public one (a local Bot API server; a test fake on loopback).</summary>
    public string? BaseUrl { get; set; }

    /// <summary>
    /// The text of telegram, sms, slack and discord messages and of the email body, with <c>{id}</c>, <c>{kind}</c>,
    /// <c>{severity}</c>, <c>{SEVERITY}</c>, <c>{title}</c>, <c>{body}</c>, <c>{time}</c>; none: <c>[SEVERITY] title</c> and the body.
    /// </summary>
    public string? Template { get; set; }

    /// <summary>At most this many deliveries per minute on this host (0: no limit); the rest wait for a later round.</summary>
    public int MaxPerMinute { get; set; } = 30;
}

/// <summary>One route.</summary>
public sealed class RouteOptions
{
    /// <summary>Kinds it takes (alert kinds, event types, <c>message</c>); empty: every kind.</summary>
    public List<string> Kinds { get; set; } = [];

    /// <summary>The least severity it takes (<c>info</c>, <c>warning</c>, <c>critical</c>).</summary>
    public string MinSeverity { get; set; } = "warning";

    /// <summary>Channel names.</summary>
    public List<string> Channels { get; set; } = [];

    /// <summary>Minutes after which an alert nobody acknowledged is sent again to <see cref="EscalateTo"/>; 0: never.</summary>
    public double EscalateAfterMinutes { get; set; }

    /// <summary>The channels of the escalation (e.g. SMS when Telegram went unanswered).</summary>
    public List<string> EscalateTo { get; set; } = [];
}
