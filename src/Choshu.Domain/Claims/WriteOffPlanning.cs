using Choshu.Domain.Ledger;

namespace Choshu.Domain.Claims;

/// <summary>
/// A claim to be written off (不納欠損): why its right to collect ended and when. <paramref name="ExtinguishedOn"/> is the
/// first day on which it no longer exists (a stay from 2025-03-10 → extinguished at the end of 2028-03-10 → 2028-03-11);
/// <see cref="LastDay"/> the day at whose end it ended.
/// </summary>
public sealed record WriteOffCandidate(WriteOffGround Ground, DateOnly ExtinguishedOn)
{
    public DateOnly LastDay => Ground == WriteOffGround.ImmediateExtinction ? ExtinguishedOn : ExtinguishedOn.AddDays(-1);

    /// <summary>The legal basis staff and the report print.</summary>
    public string LegalBasis => Ground switch
    {
        WriteOffGround.Limitation => "地方税法18条1項",
        WriteOffGround.StayThreeYears => "地方税法15条の7第4項",
        _ => "地方税法15条の7第5項",
    };
}

/// <summary>
/// Which claims a write-off plan (<c>choshu writeoff plan</c>) lists and on which ground: the one reading of
/// <see cref="ClaimLimitation.Evaluate"/> (through <see cref="InstallmentLedger.Limitation"/>) for the write-off. A claim is a
/// candidate on <c>asOf</c> when something is still owed, it is not written off, and its right to collect no longer exists
/// (<see cref="ClaimStatusKind.Lapsed"/>). The ground is the end that came first: 即時消滅 (15条の7第5項) when an extinction at
/// once is that end, three years of stay (同4項) when the stay's end is, 時効 (18条) otherwise.
/// </summary>
public static class WriteOffPlanning
{
    public static WriteOffCandidate? Of(InstallmentLedger ledger, DateOnly asOf)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        if (ClaimStatus.Of(ledger, asOf).Kind != ClaimStatusKind.Lapsed) return null;
        var l = ledger.Limitation;
        var lapsesOn = l.LapsesOn!.Value;
        if (l.StayExtinguishesOn is { } stayEnd && stayEnd == lapsesOn && (l.LimitationLapsesOn is null || stayEnd <= l.LimitationLapsesOn))
        {
            var immediate = ClaimEvent.InForce(ledger.Events).Any(e => e.Kind == ClaimEventKind.ImmediateExtinction && e.On == stayEnd);
            return new WriteOffCandidate(immediate ? WriteOffGround.ImmediateExtinction : WriteOffGround.StayThreeYears, lapsesOn);
        }
        return new WriteOffCandidate(WriteOffGround.Limitation, lapsesOn);
    }
}
