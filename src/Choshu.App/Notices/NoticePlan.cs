using Choshu.App.Assessments;
using Choshu.Domain.Reconciliation;

namespace Choshu.App.Notices;

/// <summary>An installment a planned letter is about, with what its slip asks for to the run's deadline.</summary>
public sealed record PlannedItem(
    InstallmentRef Installment,
    long Principal,
    long ReminderFee,
    long LateFee,
    DateOnly Deadline,
    MatchKey MatchKey,
    string? StoreBarcode,
    DateOnly? ReminderOn,
    bool PastReminderWindow)
{
    public long Amount => Principal + ReminderFee + LateFee;
}

/// <summary>A letter as planned: to whom, about what, with which text.</summary>
public sealed record PlannedLetter(Addressee Addressee, IReadOnlyList<PlannedItem> Items, LetterTexts.LetterText Text,
    IReadOnlyDictionary<string, string>? Extra = null)
{
    public long Amount => Items.Sum(i => i.Amount);
}

/// <summary>An installment (or a taxpayer) a run left out, and why (<see cref="NoticeExclusionCodes"/>), in Japanese.</summary>
public sealed record NoticeExclusion(long TaxpayerId, string TaxpayerNo, InstallmentRef? Installment, string Code, string Reason);

/// <summary>The codes of <see cref="NoticeExclusion.Code"/>.</summary>
public static class NoticeExclusionCodes
{
    public const string PaymentPending = "payment_pending";
    public const string Deferred = "deferred";
    public const string Stayed = "stayed";
    public const string Ended = "ended";
    public const string DeceasedNoHeir = "deceased_no_heir";
    public const string NoAddress = "no_address";
    public const string ReturnedMail = "returned_mail";
    public const string DemandHold = "demand_hold";
    public const string Pledge = "pledge";
    public const string NotSeizable = "not_seizable";
    public const string Seized = "seized";
    public const string SlipRefused = "slip_refused";
    public const string AwaitingDispatch = "awaiting_dispatch";
}

/// <summary>A tax kind's line of a preview: letters, installments and the amount asked for.</summary>
public sealed record NoticeKindTotal(string TaxKindCode, string TaxKindName, int Letters, int Items, long Principal, long Amount);

/// <summary>
/// A run as it would be made (プレビュー): the letters, what was left out and why, totals by tax kind. Generating records
/// exactly a plan made again inside the generating transaction, so nothing changes between what is counted and what is issued.
/// </summary>
public sealed record NoticePlan(
    string Kind,
    DateOnly AsOf,
    DateOnly Deadline,
    string Conditions,
    string? ConditionSetName,
    string Layout,
    short? Delivery,
    IReadOnlyList<PlannedLetter> Letters,
    IReadOnlyList<NoticeExclusion> Excluded)
{
    /// <summary>
    /// 収納データの反映: when the last payment record the run saw was recorded (UTC), so staff can check that the day's payment
    /// files were imported before the run (the cut-off); null when the store has no payment.
    /// </summary>
    public DateTime? PaymentsRecordedThrough { get; init; }

    public int ItemCount => Letters.Sum(l => l.Items.Count);
    public long TotalAmount => Letters.Sum(l => l.Amount);
    public int PastReminderWindow => Letters.Sum(l => l.Items.Count(i => i.PastReminderWindow));

    /// <summary>Totals by tax kind (a letter counts under the kind of its first installment).</summary>
    public IReadOnlyList<NoticeKindTotal> ByTaxKind() =>
        Letters.SelectMany(l => l.Items.Select((i, n) => (Letter: n == 0, i)))
            .GroupBy(x => (x.i.Installment.TaxKindCode, x.i.Installment.TaxKindName))
            .OrderBy(g => g.Key.TaxKindCode, StringComparer.Ordinal)
            .Select(g => new NoticeKindTotal(g.Key.TaxKindCode, g.Key.TaxKindName, g.Count(x => x.Letter), g.Count(),
                g.Sum(x => x.i.Principal), g.Sum(x => x.i.Amount)))
            .ToList();
}
