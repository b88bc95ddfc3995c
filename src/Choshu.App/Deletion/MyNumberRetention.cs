using System.Globalization;
using Choshu.App.Settings;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Ledger;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Deletion;

/// <summary>
/// Which My Numbers are past their retention period (保存期間) and may be deleted: those of taxpayers whose
/// account is closed and has been quiet since before a cutoff day. A taxpayer is eligible on cutoff C when
/// a <c>taxpayer_my_numbers</c> row exists and
/// <list type="bullet">
/// <item>every installment's journal balance (all components) is 0 (完納, nothing owed, nothing left to refund);</item>
/// <item>every activity is before C: journal entries (value date, and the day recorded), payments on the
/// taxpayer's installments (納付日, 収入日, recorded), overpayments, debit failures, assessments created,
/// the My Number itself set;</item>
/// <item>no direct-debit registration is in force on or after C, and no delinquency case is open or was
/// closed on or after C.</item>
/// </list>
/// C must be at least the retention period before today: setting <c>retention.my_number_years</c>
/// (default 5: 地方税法第18条 and 第18条の3, the city's right to collect and the taxpayer's right to a refund
/// both lapse 5 years after they arise; once neither can remain, 番号法第20条 forbids keeping the number).
/// One set-based query; used when a deletion is requested and again when it is executed.
/// </summary>
public static class MyNumberRetention
{
    public const string Scope = "my-numbers-of-closed-taxpayers";
    public const string SettingKey = "retention.my_number_years";

    /// <summary>The retention period in years (setting, else its default).</summary>
    public static async Task<int> YearsAsync(ChoshuDbContext db, CancellationToken ct = default)
    {
        var stored = await db.Settings.AsNoTracking().Where(s => s.Key == SettingKey).Select(s => s.Value).SingleOrDefaultAsync(ct);
        return int.Parse(stored ?? AppSettings.Keys.Single(k => k.Key == SettingKey).Default, CultureInfo.InvariantCulture);
    }

    /// <summary>Refuses a cutoff later than today minus the retention period.</summary>
    public static async Task CheckCutoffAsync(ChoshuDbContext db, DateOnly cutoff, TimeProvider clock, CancellationToken ct = default)
    {
        var years = await YearsAsync(db, ct);
        var latest = JapanTime.Today(clock).AddYears(-years);
        if (cutoff > latest)
            throw new DomainException("deletion.cutoff_too_late",
                $"基準日 {cutoff:yyyy-MM-dd} は保存期間（{years}年）内です。基準日は {latest:yyyy-MM-dd} 以前にしてください（設定 {SettingKey}）。");
    }

    /// <summary>
    /// The taxpayers eligible on <paramref name="cutoff"/>, as (id, 宛名番号), optionally only among
    /// <paramref name="among"/>.
    /// </summary>
    public static async Task<List<(long TaxpayerId, string TaxpayerNo)>> EligibleAsync(ChoshuDbContext db, DateOnly cutoff, IReadOnlyCollection<long>? among, CancellationToken ct = default)
    {
        // Midnight at the start of the cutoff day in Japan, in UTC: recorded instants compare against it.
        var cutUtc = new DateTimeOffset(cutoff.ToDateTime(TimeOnly.MinValue), JapanTime.Offset).UtcDateTime;
        var installments = from a in db.Assessments
                           join i in db.Installments on a.Id equals i.AssessmentId
                           select new { a.TaxpayerId, InstallmentId = i.Id };
        var numbers = db.TaxpayerMyNumbers.AsQueryable();
        if (among is not null)
        {
            var ids = among.ToList();
            numbers = numbers.Where(m => ids.Contains(m.TaxpayerId));
        }
        var rows = await (
                from m in numbers
                join t in db.Taxpayers on m.TaxpayerId equals t.Id
                where m.UpdatedAtUtc < cutUtc
                where !db.Assessments.Any(a => a.TaxpayerId == m.TaxpayerId && a.CreatedAtUtc >= cutUtc)
                where !installments.Any(x => x.TaxpayerId == m.TaxpayerId
                    && db.JournalEntries.Where(j => j.InstallmentId == x.InstallmentId && j.Component != LedgerComponent.Overpayment).Sum(j => j.Amount) != 0)
                where !installments.Any(x => x.TaxpayerId == m.TaxpayerId
                    && db.JournalEntries.Any(j => j.InstallmentId == x.InstallmentId && (j.ValueDate >= cutoff || j.RecordedAtUtc >= cutUtc)))
                where !installments.Any(x => x.TaxpayerId == m.TaxpayerId
                    && db.Payments.Any(p => p.InstallmentId == x.InstallmentId
                        && (p.PaidOn >= cutoff || (p.ReceivedOn != null && p.ReceivedOn >= cutoff) || p.RecordedAtUtc >= cutUtc)))
                where !installments.Any(x => x.TaxpayerId == m.TaxpayerId
                    && db.DebitFailures.Any(f => f.InstallmentId == x.InstallmentId && (f.DebitDate >= cutoff || f.RecordedAtUtc >= cutUtc)))
                where !db.Overpayments.Any(o => o.TaxpayerId == m.TaxpayerId && (o.AroseOn >= cutoff || o.RecordedAtUtc >= cutUtc))
                where !db.DirectDebitAccounts.Any(d => d.TaxpayerId == m.TaxpayerId && (d.EndsOn == null || d.EndsOn >= cutoff || d.StartsOn >= cutoff))
                where !db.CollectionCases.Any(c => c.TaxpayerId == m.TaxpayerId && (c.ClosedOn == null || c.ClosedOn >= cutoff))
                select new { m.TaxpayerId, t.TaxpayerNo })
            .ToListAsync(ct);
        return rows.OrderBy(r => r.TaxpayerNo, StringComparer.Ordinal).Select(r => (r.TaxpayerId, r.TaxpayerNo)).ToList();
    }
}
