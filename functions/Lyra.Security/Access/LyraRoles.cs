namespace Lyra.Security.Access;

/// <summary>
/// The app roles a person or a client application holds (in Azure: app roles of the Entra ID app registration behind
/// App Service Authentication, delivered in the principal's role claims).
/// </summary>
public static class LyraRoles
{
    /// <summary>May operate trading: <see cref="ApiAccess.Operate"/> routes.</summary>
    public const string Trader = "Lyra.Trader";

    /// <summary>May do everything, including <see cref="ApiAccess.Administer"/> routes.</summary>
    public const string Admin = "Lyra.Admin";

    /// <summary>Whether <paramref name="roles"/> allow <paramref name="access"/>.</summary>
    public static bool Allow(ApiAccess access, IReadOnlySet<string> roles) => access switch
    {
        ApiAccess.Public or ApiAccess.Read => true,
        ApiAccess.Operate => roles.Contains(Trader) || roles.Contains(Admin),
        _ => roles.Contains(Admin),
    };

    /// <summary>The role <paramref name="access"/> needs, for error messages.</summary>
    public static string Needed(ApiAccess access) => access == ApiAccess.Administer ? Admin : $"{Trader} or {Admin}";
}
