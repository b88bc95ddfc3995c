namespace Choshu.Domain.Security;

/// <summary>
/// A system actor: the name written where a staff number would be (journal entries, taxpayer versions, tax agents,
/// settings, the 操作ログ, case events) when no person acts. The stored strings are fixed: "system:seed" for the
/// synthetic-city seeder, "system:migration" for rows a migration derived, and "system:cli:OSUSER" for a CLI command or batch job run by that OS user. Make them here,
/// never by hand; <see cref="TryParse"/> tells a system actor's name from a staff number.
/// </summary>
public sealed record SystemActor
{
    /// <summary>Every system actor's name starts with this; a staff number never does.</summary>
    public const string Prefix = "system:";

    private const string CliPrefix = Prefix + "cli:";

    private SystemActor(string name) => Name = name;

    /// <summary>The stored string, e.g. "system:cli:tanaka".</summary>
    public string Name { get; }

    /// <summary>The OS user of a CLI actor; null for the others.</summary>
    public string? OsUser => Name.StartsWith(CliPrefix, StringComparison.Ordinal) ? Name[CliPrefix.Length..] : null;

    /// <summary>"system:seed": the synthetic-city seeder (choshu seed).</summary>
    public static SystemActor Seed { get; } = new(Prefix + "seed");

    /// <summary>"system:migration": rows a schema migration wrote from earlier records (the reminders moved from fee charges).</summary>
    public static SystemActor Migration { get; } = new(Prefix + "migration");

    /// <summary>
    /// "system:case-trigger": the documented automatic case-opening run (滞納整理事案の自動開始). The only system
    /// actor that may open a delinquency case; every other case is opened by a named person (issue 18).
    /// </summary>
    public static SystemActor CaseTrigger { get; } = new(Prefix + "case-trigger");

    /// <summary>"system:cli:OSUSER": a CLI command or batch job run by that OS user.</summary>
    public static SystemActor Cli(string osUser)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(osUser);
        if (osUser.Any(char.IsWhiteSpace)) throw new ArgumentException("An OS user name has no spaces.", nameof(osUser));
        return new(CliPrefix + osUser);
    }

    /// <summary>Reads a stored name; false for a staff number or an unknown "system:" name.</summary>
    public static bool TryParse(string? name, out SystemActor actor)
    {
        actor = null!;
        if (name is null || !name.StartsWith(Prefix, StringComparison.Ordinal)) return false;
        if (name == Seed.Name) { actor = Seed; return true; }
        if (name == Migration.Name) { actor = Migration; return true; }
        if (name == CaseTrigger.Name) { actor = CaseTrigger; return true; }
        if (name.StartsWith(CliPrefix, StringComparison.Ordinal) && name.Length > CliPrefix.Length && !name.Any(char.IsWhiteSpace))
        {
            actor = new(name);
            return true;
        }
        return false;
    }

    /// <summary>Reads a stored name; throws <see cref="FormatException"/> unless it is a system actor's.</summary>
    public static SystemActor Parse(string name) =>
        TryParse(name, out var actor) ? actor : throw new FormatException($"Not a system actor name: '{name}'.");

    /// <summary>Whether a stored actor name is a system actor's (as opposed to a staff number).</summary>
    public static bool IsSystemName(string? name) => TryParse(name, out _);

    public override string ToString() => Name;
}
