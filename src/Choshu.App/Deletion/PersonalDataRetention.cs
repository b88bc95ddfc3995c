using Choshu.Data;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Deletion;

/// <summary>What an executed deletion erased besides the My Numbers, by table (rows changed).</summary>
public sealed record PersonalDataErasure(int BankAccounts, int CaseLogEntries, int ReturnedMailNotes, int RefundAccounts, int QuarantinedLines)
{
    /// <summary>The Japanese sentence for the audit detail and the command's answer.</summary>
    public string Describe() =>
        $"併せて消去: 口座振替の口座 {BankAccounts:#,0} 件、経過記録 {CaseLogEntries:#,0} 件、返戻郵便の記録 {ReturnedMailNotes:#,0} 件、還付先口座 {RefundAccounts:#,0} 件、保留行の原文 {QuarantinedLines:#,0} 件。";
}

/// <summary>
/// The personal data kept beside the My Number that a deletion past retention erases with it (issue 18, finding 10;
/// docs/security.md §11). For a taxpayer whose My Number is deleted (closed and quiet since before the cutoff, see
/// <see cref="MyNumberRetention"/>), nothing can be collected or refunded any more, so what was kept only to
/// collect goes too:
/// <list type="bullet">
/// <item><c>direct_debit_accounts</c>: the account number and holder name (カナ) of every registration, all of them
/// ended before the cutoff (the bank and branch codes and the dates stay, so the ledger's debit history still reads);</item>
/// <item><c>case_log_entries</c> of the taxpayer's (closed) cases: the counterpart, the content and the next action
/// with its date (who said what on the phone or at the door), replaced by 「（保存期間経過により消去）」 — the one UPDATE the
/// store's append-only trigger admits (migration H18RetentionErasure); the entry's date, method,
/// officer and links stay, so the case history keeps its shape;</item>
/// <item><c>returned_mail</c>: the free-text notes of returned letters and their resolution (new addresses were
/// written there);</item>
/// <item><c>refunds</c>: the account number and holder name a refund was paid to (bank and branch, amounts and dates stay);</item>
/// <item><c>quarantined_records</c> of any taxpayer: the raw text of every line quarantined before the cutoff (it holds
/// names and addresses of a file read more than the retention period ago; the file, line number, field and reason stay).</item>
/// </list>
/// Kept on purpose: the taxpayer master (宛名) and its history, the ledger, letters issued and documents (their
/// keeping is the city's document retention rule, 文書管理規程, not the My Number's), and the audit log (append-only).
/// Runs inside the deletion's transaction.
/// </summary>
public static class PersonalDataRetention
{
    public const string Erased = Choshu.Data.Migrations.Sql.RetentionErasureSql.Erased;

    public static async Task<PersonalDataErasure> EraseAsync(ChoshuDbContext db, IReadOnlyCollection<long> taxpayerIds, DateOnly cutoff, CancellationToken ct = default)
    {
        var cutUtc = new DateTimeOffset(cutoff.ToDateTime(TimeOnly.MinValue), Choshu.Domain.Calendar.JapanTime.Offset).UtcDateTime;
        var quarantined = await db.QuarantinedRecords
            .Where(q => q.QuarantinedAtUtc < cutUtc && q.RawLine != Erased)
            .ExecuteUpdateAsync(u => u.SetProperty(q => q.RawLine, Erased), ct);
        if (taxpayerIds.Count == 0) return new PersonalDataErasure(0, 0, 0, 0, quarantined);
        var ids = taxpayerIds.ToList();
        var accounts = await db.DirectDebitAccounts
            .Where(d => ids.Contains(d.TaxpayerId) && (d.AccountNo != "" || d.HolderKana != ""))
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.AccountNo, "").SetProperty(d => d.HolderKana, ""), ct);
        // The registration events hold the same account numbers and names (口座振替の登録の異動).
        accounts += await db.DirectDebitRegistrations
            .Where(d => ids.Contains(d.TaxpayerId) && (d.AccountNo != null || d.HolderKana != null || d.JapanPostNumber != null))
            .ExecuteUpdateAsync(u => u.SetProperty(d => d.AccountNo, (string?)null).SetProperty(d => d.HolderKana, (string?)null).SetProperty(d => d.JapanPostNumber, (string?)null), ct);
        var caseIds = db.CollectionCases.Where(c => ids.Contains(c.TaxpayerId)).Select(c => c.Id);
        var log = await db.CaseLogEntries
            .Where(e => caseIds.Contains(e.CaseId) && e.Content != Erased)
            .ExecuteUpdateAsync(u => u.SetProperty(e => e.Counterpart, Erased).SetProperty(e => e.Content, Erased).SetProperty(e => e.NextAction, (string?)null).SetProperty(e => e.NextActionOn, (DateOnly?)null), ct);
        var mail = await db.ReturnedMail
            .Where(m => ids.Contains(m.TaxpayerId) && (m.Note != null || m.ResolutionNote != null))
            .ExecuteUpdateAsync(u => u.SetProperty(m => m.Note, (string?)null).SetProperty(m => m.ResolutionNote, (string?)null), ct);
        var refunds = await db.Refunds
            .Where(r => ids.Contains(r.TaxpayerId) && (r.AccountNo != null || r.HolderKana != null))
            .ExecuteUpdateAsync(u => u.SetProperty(r => r.AccountNo, (string?)null).SetProperty(r => r.HolderKana, (string?)null), ct);
        return new PersonalDataErasure(accounts, log, mail, refunds, quarantined);
    }
}
