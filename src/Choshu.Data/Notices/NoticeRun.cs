namespace Choshu.Data.Notices;

/// <summary>
/// 通知の一括作成（発送処理）: one run of letters of one kind (督促状, 催告書, 差押予告書, 口座振替不能通知書, 口座振替済通知書),
/// made by selection on <see cref="AsOf"/> and recorded whole (letters, their installments and issued documents) before any
/// file is written. A run lives through three states, each a dated column set once: generated (the row), dispatched
/// (<see cref="DispatchedOn"/>: the legal 発付日, when the claim events and the reminder fees are recorded) or cancelled
/// (<see cref="CancelledAtUtc"/>, only before dispatch; nothing was charged). Never both.
/// </summary>
public sealed class NoticeRun
{
    public long Id { get; set; }
    /// <summary><see cref="NoticeRunKinds"/>.</summary>
    public string Kind { get; set; } = "";
    /// <summary>The selection day (基準日): payments and events up to it were applied before selecting.</summary>
    public DateOnly AsOf { get; set; }
    /// <summary>The selection as given (canonical JSON of the conditions), for the record and a rerun.</summary>
    public string Conditions { get; set; } = "";
    /// <summary>The saved condition set used, when one was.</summary>
    public string? ConditionSetName { get; set; }
    /// <summary>Paper layout (<c>Choshu.Forms.FormLayout</c> as a number).</summary>
    public short Layout { get; set; }
    /// <summary>支払期限 printed on the slips of the run.</summary>
    public DateOnly SlipDeadline { get; set; }
    /// <summary>Delivery method of the letters (催告: <c>DeliveryMethod</c>; null for ordinary mail).</summary>
    public short? Delivery { get; set; }
    /// <summary>督促手数料 per letter printed on the letters and charged at dispatch (reminder runs; 0 otherwise).</summary>
    public long ReminderFeePerLetter { get; set; }
    public int LetterCount { get; set; }
    public int ItemCount { get; set; }
    /// <summary>What the letters ask for, in total (the slips' amounts to the deadline).</summary>
    public long TotalAmount { get; set; }
    public string CreatedBy { get; set; } = "";
    public long? AccountId { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    /// <summary>SHA-256 of the in-house PDF and of the print vendor's data file, once written.</summary>
    public string? PdfSha256 { get; set; }
    public string? VendorFileSha256 { get; set; }
    /// <summary>発付日: the day the letters left; set by dispatch.</summary>
    public DateOnly? DispatchedOn { get; set; }
    public DateTime? DispatchedAtUtc { get; set; }
    public string? DispatchedBy { get; set; }
    public DateTime? CancelledAtUtc { get; set; }
    public string? CancelledBy { get; set; }
    public string? CancelReason { get; set; }
}

/// <summary>The values of <see cref="NoticeRun.Kind"/> (and of the letters' issued-document kind).</summary>
public static class NoticeRunKinds
{
    /// <summary>督促状.</summary>
    public const string Reminder = "reminder";
    /// <summary>催告書.</summary>
    public const string Demand = "demand";
    /// <summary>差押予告書.</summary>
    public const string SeizureWarning = "seizure_warning";
    /// <summary>口座振替不能通知書.</summary>
    public const string DebitFailure = "debit_failure";
    /// <summary>口座振替済通知書.</summary>
    public const string DebitDone = "debit_done";

    public static readonly IReadOnlyList<string> All = [Reminder, Demand, SeizureWarning, DebitFailure, DebitDone];
}
