using Choshu.Domain.Cases;

namespace Choshu.Web.Pages.Cases.Pledges;

/// <summary>What the pledge pages share: the handle kind of a pledge in URLs and the CSS class of a state.</summary>
public static class PledgePages
{
    /// <summary>The handle kind of a pledge (<c>/Cases/Pledges/{handle}</c>, sealed to the session).</summary>
    public const string Handle = "pledge";

    public static string StateClass(PledgeState s) => s switch
    {
        PledgeState.Breached => "breached",
        PledgeState.Active => "active",
        _ => "ended",
    };

    public static readonly IReadOnlyList<PledgeState> States = Enum.GetValues<PledgeState>();
}
