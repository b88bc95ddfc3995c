using Choshu.Domain.DirectDebit;

namespace Choshu.Data.Payments;

/// <summary>
/// 口座振替の登録の異動: one registration event as it arrived (新規・口座変更・廃止・停止), with its source (依頼書 typed by staff,
/// a bank's batch file, a Web or Pay-easy sign-up), the day it was received and the day it takes effect. Never changed once
/// recorded: the registrations in force (<see cref="DirectDebitAccount"/>) are kept as the fold of these, written by the one
/// write path (<c>DebitRegistrations</c>).
/// </summary>
public sealed class DirectDebitRegistration
{
    public long Id { get; set; }
    public long TaxpayerId { get; set; }
    /// <summary>The tax kind, or null for every tax kind (全税目).</summary>
    public string? TaxKindCode { get; set; }
    public DebitRegistrationKind Kind { get; set; }
    public DebitRegistrationSource Source { get; set; }
    /// <summary>受付日</summary>
    public DateOnly ReceivedOn { get; set; }
    /// <summary>適用日: the registration is in force (or ends) from this day.</summary>
    public DateOnly EffectiveOn { get; set; }
    /// <summary>開始期: the first fiscal year and period (期別) a debit request includes (新規; a change keeps the current one).</summary>
    public int? StartFiscalYear { get; set; }
    public short? StartPeriod { get; set; }
    /// <summary>The account in the Zengin form (bank 4, branch 3, type, number 7); null for a cancellation or suspension.</summary>
    public string? BankCode { get; set; }
    public string? BranchCode { get; set; }
    public short? AccountType { get; set; }
    public string? AccountNo { get; set; }
    /// <summary>ゆうちょ記号・番号 as given, when the account was given in that form.</summary>
    public string? JapanPostSymbol { get; set; }
    public string? JapanPostNumber { get; set; }
    /// <summary>口座名義（半角カナ）</summary>
    public string? HolderKana { get; set; }
    /// <summary>受付番号 of the form or the file line, when it has one.</summary>
    public string? ReferenceNo { get; set; }
    /// <summary>"{source}:{受付番号}" for imported events: the same line imported again is not applied twice.</summary>
    public string? IdempotencyKey { get; set; }
    /// <summary>The import file and line it came from, when imported.</summary>
    public long? ImportFileId { get; set; }
    public int? SourceLine { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAtUtc { get; set; }
}
