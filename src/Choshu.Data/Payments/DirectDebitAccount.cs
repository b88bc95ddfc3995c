namespace Choshu.Data.Payments;

/// <summary>
/// 口座情報: a taxpayer's direct-debit registration for one tax kind, in force from <see cref="StartsOn"/> until
/// <see cref="EndsOn"/>. Kept as the fold of the registration events (<see cref="DirectDebitRegistration"/>) by their one
/// write path; rows from before the events were kept (and the seed) have no <see cref="RegistrationId"/>.
/// </summary>
public sealed class DirectDebitAccount
{
    public long Id { get; set; }
    public long TaxpayerId { get; set; }
    public string TaxKindCode { get; set; } = "";
    /// <summary>金融機関コード (4 digits)</summary>
    public string BankCode { get; set; } = "";
    /// <summary>支店コード (3 digits)</summary>
    public string BranchCode { get; set; } = "";
    /// <summary>預金種目: 1 普通, 2 当座, 9 その他</summary>
    public short AccountType { get; set; } = 1;
    /// <summary>口座番号 (7 digits)</summary>
    public string AccountNo { get; set; } = "";
    /// <summary>カナ名義人, in half-width katakana as the bank holds it.</summary>
    public string HolderKana { get; set; } = "";
    /// <summary>振替開始日</summary>
    public DateOnly StartsOn { get; set; }
    /// <summary>変更・解約年月日 (null while in force)</summary>
    public DateOnly? EndsOn { get; set; }
    public DateTime RecordedAtUtc { get; set; }
    /// <summary>開始期: a debit request includes only installments of this fiscal year and period or later (null: every installment).</summary>
    public int? StartFiscalYear { get; set; }
    public short? StartPeriod { get; set; }
    /// <summary>The registration event (<see cref="DirectDebitRegistration"/>) that put this account in force, when it came through one.</summary>
    public long? RegistrationId { get; set; }
}
