using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Choshu.App.Security;
using Choshu.App.Stores;
using Choshu.Data;
using Choshu.Data.Ledger;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Reconciliation;
using Choshu.Domain.Security;
using Choshu.Formats.Csv;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Books;

/// <summary>One line of the hand-over: an account (款・項・目) and fiscal year, with what was received and returned (戻出) that day.</summary>
public sealed record AccountingLine(string Fund, string Kan, string Kou, string Moku, string AccountName, int FiscalYear, int ReceivedCount, long Received,
    int RefundedCount, long Refunded);

/// <summary>The result of a write: the file, its lines and totals, and whether it reproduced the day's earlier file.</summary>
public sealed record AccountingFileResult(long HandoverId, DateOnly Day, string Path, string Sha256, IReadOnlyList<AccountingLine> Lines,
    long Received, long Refunded, bool Reproduced);

/// <summary>
/// 財務会計 歳入日計データ (issue 17, docs/formats.md "財務会計 歳入日計データ"): for one closed 収入日 (日計締め), per 歳入科目
/// (款・項・目, the data <c>tax_kind_accounts</c>) and fiscal year (the one rule <see cref="FiscalYears.YearOf"/>: money received
/// 1 April – 31 May on an earlier year's claim belongs to the year just ended, 出納整理期間), the money received (the booked
/// payments of that 収入日, as the 収納日計表 counts them: principal, fees, late fee and overpaid money) and the money returned out
/// of revenue (戻出: refunds decided that day of money received in the same fiscal year, as in the 支出命令データ; the refunds of
/// earlier years' money and all refund interest are 歳出 and go in the payment order, not here).
/// Written once per day (<c>accounting_handovers</c>, the bytes kept): a second write of the same day writes the identical bytes
/// again and is recorded again; it never recomputes. Shift_JIS (CP932) CSV with CR LF, as the accounting systems' CSV imports
/// take. A 収納担当 (<see cref="Permission.RecordPayments"/>) writes it; audited 4040 with the SHA-256 and totals.
/// </summary>
public static class AccountingHandovers
{
    public static readonly IReadOnlyList<string> Header = ["レコード区分", "収入日", "会計年度", "会計区分", "款", "項", "目", "科目名", "収入件数", "収入額", "戻出件数", "戻出額"];

    /// <summary>The lines of <paramref name="day"/> computed from the payments and refunds now.</summary>
    public static async Task<IReadOnlyList<AccountingLine>> ComputeAsync(ChoshuDbContext db, DateOnly day, CancellationToken ct = default)
    {
        var kinds = await db.TaxKinds.AsNoTracking().ToDictionaryAsync(k => k.Code, k => k.Name, ct);
        var accounts = await db.TaxKindAccounts.AsNoTracking().ToDictionaryAsync(a => a.TaxKindCode, ct);
        var received = await (
                from p in db.Payments
                where p.Status == PaymentStatus.Booked && p.ReceivedOn == day
                join i in db.Installments on p.InstallmentId equals i.Id
                join a in db.Assessments on i.AssessmentId equals a.Id
                group p by new { a.TaxKindCode, a.FiscalYear } into g
                select new { g.Key.TaxKindCode, g.Key.FiscalYear, Count = g.Count(), Amount = g.Sum(p => p.Amount) })
            .ToListAsync(ct);
        var refunds = await (
                from r in db.Refunds
                where r.DecidedOn == day && r.WithdrawnAtUtc == null
                join o in db.Overpayments on r.OverpaymentId equals o.Id
                join p in db.Payments on o.PaymentId equals p.Id
                join i in db.Installments on r.InstallmentId equals i.Id
                join a in db.Assessments on i.AssessmentId equals a.Id
                select new { a.TaxKindCode, p.PaidOn, r.Amount })
            .ToListAsync(ct);
        var fiscalYearOfDay = FiscalYears.CalendarYearOf(day);
        var rows = received.Select(x => (x.TaxKindCode, Year: FiscalYears.YearOf(x.FiscalYear, day), x.Count, x.Amount, RCount: 0, Refunded: 0L))
            .Concat(refunds.Where(r => Refunds.RefundFiles.IsReversal(r.PaidOn, day))
                .Select(r => (r.TaxKindCode, Year: fiscalYearOfDay, Count: 0, Amount: 0L, RCount: 1, Refunded: r.Amount)));
        return rows
            .Select(x =>
            {
                var acc = accounts.GetValueOrDefault(x.TaxKindCode);
                return (Fund: acc?.Fund ?? "00", Kan: acc?.Kan ?? "00", Kou: acc?.Kou ?? "00", Moku: acc?.Moku ?? "00",
                    Name: acc?.AccountName ?? kinds.GetValueOrDefault(x.TaxKindCode, x.TaxKindCode), x.Year, x.Count, x.Amount, x.RCount, x.Refunded);
            })
            .GroupBy(x => (x.Fund, x.Kan, x.Kou, x.Moku, x.Name, x.Year))
            .OrderBy(g => g.Key.Fund, StringComparer.Ordinal).ThenBy(g => g.Key.Kan, StringComparer.Ordinal).ThenBy(g => g.Key.Kou, StringComparer.Ordinal).ThenBy(g => g.Key.Moku, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Name, StringComparer.Ordinal).ThenByDescending(g => g.Key.Year)
            .Select(g => new AccountingLine(g.Key.Fund, g.Key.Kan, g.Key.Kou, g.Key.Moku, g.Key.Name, g.Key.Year, g.Sum(x => x.Count), g.Sum(x => x.Amount),
                g.Sum(x => x.RCount), g.Sum(x => x.Refunded)))
            .ToList();
    }

    /// <summary>The file's bytes: a header row, one data row (D) per line, a trailer row (T) with the totals.</summary>
    public static byte[] Render(DateOnly day, IReadOnlyList<AccountingLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var sb = new StringBuilder();
        CsvOut.AppendRecord(sb, Header);
        var date = day.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        string N(long v) => v.ToString(CultureInfo.InvariantCulture);
        foreach (var l in lines)
            CsvOut.AppendRecord(sb, ["D", date, N(l.FiscalYear), l.Fund, l.Kan, l.Kou, l.Moku, CsvOut.Text(l.AccountName), N(l.ReceivedCount), N(l.Received),
                N(l.RefundedCount), N(l.Refunded)]);
        CsvOut.AppendRecord(sb, ["T", date, "", "", "", "", "", CsvOut.Text("合計"), N(lines.Sum(l => (long)l.ReceivedCount)), N(lines.Sum(l => l.Received)),
            N(lines.Sum(l => (long)l.RefundedCount)), N(lines.Sum(l => l.Refunded))]);
        return CsvTextEncoding.ShiftJis.Encoding.GetBytes(sb.ToString());
    }

    /// <summary>Parses a file written by <see cref="Render"/> back into its lines (for the tests and the operations check).</summary>
    public static IReadOnlyList<AccountingLine> Parse(byte[] bytes)
    {
        var text = CsvTextEncoding.ShiftJis.Encoding.GetString(bytes);
        return text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')).Where(f => f[0] == "D")
            .Select(f => new AccountingLine(f[3], f[4], f[5], f[6], f[7], int.Parse(f[2], CultureInfo.InvariantCulture), int.Parse(f[8], CultureInfo.InvariantCulture),
                long.Parse(f[9], CultureInfo.InvariantCulture), int.Parse(f[10], CultureInfo.InvariantCulture), long.Parse(f[11], CultureInfo.InvariantCulture)))
            .ToList();
    }

    /// <summary>
    /// Writes the hand-over of <paramref name="day"/> to <paramref name="outPath"/>: the first time computed and recorded, every later time
    /// the recorded bytes. Refused for a day not closed (日計締め), since its figures could still change.
    /// </summary>
    public static async Task<AccountingFileResult> WriteAsync(Store store, Actor actor, DateOnly day, string outPath, TimeProvider clock, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outPath);
        var path = Path.GetFullPath(outPath);
        await using var db = store.CreateContext();
        await AccessControl.DemandAsync(db, actor, Permission.RecordPayments, clock, what: $"財務会計歳入日計データの作成 {Day(day)}", ct: ct);
        var existing = await db.AccountingHandovers.AsNoTracking().SingleOrDefaultAsync(h => h.Day == day, ct);
        var reproduced = existing is not null;
        if (existing is null)
        {
            var status = await Reconciliation.BusinessDays.StatusAsync(db, day, ct);
            if (!status.Closed)
                throw new DomainException("accounting.day_open",
                    $"収入日 {Day(day)} は日計締めされていないため、財務会計歳入日計データを作成できません。収納日計表を確認して日計締めをしてから作成してください。");
            var lines = await ComputeAsync(db, day, ct);
            var bytes = Render(day, lines);
            existing = new AccountingHandover
            {
                Day = day, WrittenAtUtc = clock.GetUtcNow().UtcDateTime, WrittenBy = actor.Name, FileName = Path.GetFileName(path),
                Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)), Rows = lines.Count,
                Received = lines.Sum(l => l.Received), Refunded = lines.Sum(l => l.Refunded), Content = bytes,
            };
            db.AccountingHandovers.Add(existing);
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateException)
            {
                // Another writer recorded the day first: write what it recorded.
                db.ChangeTracker.Clear();
                existing = await db.AccountingHandovers.AsNoTracking().SingleAsync(h => h.Day == day, ct);
                reproduced = true;
            }
        }
        var part = path + ".part";
        await File.WriteAllBytesAsync(part, existing.Content, ct);
        try
        {
            await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.AccountingFileWritten,
                Detail: string.Create(CultureInfo.InvariantCulture,
                    $"財務会計歳入日計データ 収入日 {Day(day)} 記録 {existing.Id}{(reproduced ? "（再出力: 記録済みの内容をそのまま）" : "")} ファイル {Path.GetFileName(path)} SHA-256 {existing.Sha256}: {existing.Rows} 行 収入額 {existing.Received}円 戻出額 {existing.Refunded}円")), clock, ct);
            File.Move(part, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(part)) File.Delete(part);
        }
        return new AccountingFileResult(existing.Id, day, path, existing.Sha256, Parse(existing.Content), existing.Received, existing.Refunded, reproduced);
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
