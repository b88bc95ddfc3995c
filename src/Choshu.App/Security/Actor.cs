using Choshu.Domain.Security;

namespace Choshu.App.Security;

/// <summary>
/// Who is acting, as every use case that touches personal data receives it: a signed-in person
/// (account, session, terminal) or the system actor (a CLI command or batch job, named by its
/// OS user and host). A CLI command acting for a named staff member (<c>--operator</c>) is a Staff
/// actor whose terminal names the host and "cli".
/// </summary>
public sealed record Actor(ActorKind Kind, long? AccountId, string Name, string Terminal, long? SessionId = null)
{
    /// <summary>The system actor for this process: "system:cli:OSUSER" on this host.</summary>
    public static Actor System() => SystemAs(Environment.UserName, Environment.MachineName);

    public static Actor SystemAs(string osUser, string host) =>
        new(ActorKind.System, null, SystemActor.Cli(osUser).Name, host);

    /// <summary>The automatic case-opening run (<see cref="SystemActor.CaseTrigger"/>) on <paramref name="host"/>: the only system actor that may open a case.</summary>
    public static Actor CaseTrigger(string host) => new(ActorKind.System, null, SystemActor.CaseTrigger.Name, host);

    public static Actor Staff(long accountId, string staffNo, string terminal, long? sessionId = null) =>
        new(ActorKind.Staff, accountId, staffNo, terminal, sessionId);

    public bool IsSystem => Kind == ActorKind.System;

    /// <summary>
    /// The roles this person holds on <see cref="ActiveRoleSnapshot.Day"/>, as the caller read them
    /// from the store for this request (the web's session check reads the account and all its grants
    /// at every request). <see cref="AccessControl"/> uses them instead of reading the grants again
    /// when they are of today's Japan date; otherwise (none given, or of another day) it reads the store.
    /// </summary>
    public ActiveRoleSnapshot? KnownRoles { get; init; }
}

/// <summary>The roles active on one Japan business day, as read from the store.</summary>
public sealed record ActiveRoleSnapshot(DateOnly Day, IReadOnlyList<Role> Roles);
