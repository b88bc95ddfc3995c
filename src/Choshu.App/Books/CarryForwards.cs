using System.Globalization;
using System.Text;
using Choshu.App.Reconciliation;
using Choshu.App.Security;
using Choshu.App.Stores;
using Choshu.Data;
using Choshu.Data.Ledger;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Ledger;
using Choshu.Domain.Security;
using Choshu.Formats.Csv;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Books;

/// <summary>One line of the 滞納繰越 report (see <see cref="CarryForwardLine"/>).</summary>
public sealed record CarryForwardFigures(string TaxKindCode, string TaxKindName, int ClaimFiscalYear, bool Current, int Installments,
    long Assessed, long Collected, long WrittenOff, long Unpaid)
{
    /// <summary>"現年課税分" or "滞納繰越分".</summary>
    public string Bucket => Current ? "現年課税分" : "滞納繰越分";
}

/// <summary>
/// The 滞納繰越 report of a closed year: the recorded step (null before it is run, or after its reversal) with its lines, the
/// lines computed from the journal now (<see cref="Live"/>), and the lines where they differ (a payment valued on or before the
/// closing day booked after the step: reverse the step and run it again).
/// </summary>
public sealed record CarryForwardReport(int ClosedFiscalYear, DateOnly ClosingDay, CarryForward? Step, IReadOnlyList<CarryForwardFigures> Recorded,
    IReadOnlyList<CarryForwardFigures> Live)
{
    public IReadOnlyList<CarryForwardFigures> Lines => Step is null ? Live : Recorded;

    public CarryForwardFigures Total => Sum("合計", Lines);

    /// <summary>The lines where the recorded step and the journal now differ (empty when nothing was recorded).</summary>
    public IReadOnlyList<string> Differences => Step is null ? [] :
        Recorded.Select(r => (r.TaxKindCode, r.ClaimFiscalYear)).Union(Live.Select(l => (l.TaxKindCode, l.ClaimFiscalYear)))
            .Where(k => Recorded.FirstOrDefault(r => (r.TaxKindCode, r.ClaimFiscalYear) == k) is var r
                && Live.FirstOrDefault(l => (l.TaxKindCode, l.ClaimFiscalYear) == k) is var l
                && (r is null || l is null || r with { TaxKindName = "" } != l with { TaxKindName = "" }))
            .Select(k => string.Create(CultureInfo.InvariantCulture, $"税目 {k.TaxKindCode} {k.ClaimFiscalYear} 年度"))
            .ToList();

    public static CarryForwardFigures Sum(string name, IEnumerable<CarryForwardFigures> lines)
    {
        var l = lines.ToList();
        return new CarryForwardFigures("", name, 0, false, l.Sum(x => x.Installments), l.Sum(x => x.Assessed), l.Sum(x => x.Collected),
            l.Sum(x => x.WrittenOff), l.Sum(x => x.Unpaid));
    }
}

/// <summary>What a run returned: the step, and whether it was already recorded (a second run changes nothing).</summary>
public sealed record CarryForwardResult(CarryForward Step, bool AlreadyRecorded);

/// <summary>
/// 滞納繰越 (issue 17, docs/operations.md "出納閉鎖と滞納繰越"): on or after 31 May (出納閉鎖日) an approver
/// (<see cref="Permission.CloseFiscalYear"/>) closes the year just ended: its figures per tax kind and 調定年度 (調定額, 収入額,
/// 不納欠損額, 収入未済額; 現年課税分 and 滞納繰越分) are computed from the journal by the one fiscal-year rule
/// (<see cref="FiscalYears"/>) and recorded with the step; the 収入未済額 is what the new year carries as 滞納繰越分 (the new
/// year's 調定収納集計 carries in exactly that amount: the journal is not touched, no entry is written, so the journal and the
/// report stay equal to the yen). Idempotent: a second run returns the recorded step and records nothing. Reversible: the
/// approver reverses it with a reason (recorded on the row, audited 3481); it can then be run again. Run under the payments
/// lock, so no booking commits between the figures read and the step recorded. Audited 3480.
/// </summary>
public static class CarryForwards
{
    /// <summary>The figures of <paramref name="closedYear"/> from the journal (entries valued up to its closing day).</summary>
    public static async Task<IReadOnlyList<CarryForwardFigures>> ComputeAsync(ChoshuDbContext db, int closedYear, CancellationToken ct = default)
    {
        var closing = FiscalYears.ClosingDay(closedYear);
        var currentStart = FiscalYears.FirstDay(closedYear, closedYear);
        var arrearsStart = FiscalYears.FirstDay(closedYear, closedYear - 1);
        var entries =
            from j in db.JournalEntries
            where j.Component == LedgerComponent.Principal && j.ValueDate <= closing
            join i in db.Installments on j.InstallmentId equals i.Id
            join a in db.Assessments on i.AssessmentId equals a.Id
            where a.FiscalYear <= closedYear
            join r in db.JournalEntries on j.ReversesEntryId equals r.Id into rs
            from reversed in rs.DefaultIfEmpty()
            select new
            {
                j.InstallmentId, a.TaxKindCode, a.FiscalYear, j.Amount, Kind = reversed == null ? j.Kind : reversed.Kind,
                InYear = j.ValueDate >= (a.FiscalYear < closedYear ? arrearsStart : currentStart),
            };
        var perInstallment = await (
                from e in entries
                group e by new { e.InstallmentId, e.TaxKindCode, e.FiscalYear } into g
                select new
                {
                    g.Key.TaxKindCode, g.Key.FiscalYear,
                    CarriedIn = g.Sum(e => e.InYear ? 0 : e.Amount),
                    Assessed = g.Sum(e => e.InYear && (e.Kind == JournalEntryKind.Charge || e.Kind == JournalEntryKind.Amendment) ? e.Amount : 0),
                    WrittenOff = -g.Sum(e => e.InYear && e.Kind == JournalEntryKind.WriteOff ? e.Amount : 0),
                    Collected = -g.Sum(e => e.InYear && e.Kind != JournalEntryKind.Charge && e.Kind != JournalEntryKind.Amendment && e.Kind != JournalEntryKind.WriteOff ? e.Amount : 0),
                    Unpaid = g.Sum(e => e.Amount),
                })
            .Where(x => x.FiscalYear == closedYear || x.CarriedIn != 0 || x.Assessed != 0 || x.WrittenOff != 0 || x.Collected != 0)
            .GroupBy(x => new { x.TaxKindCode, x.FiscalYear })
            .Select(g => new
            {
                g.Key.TaxKindCode, g.Key.FiscalYear, Installments = g.Count(x => x.Unpaid > 0),
                Assessed = g.Sum(x => x.CarriedIn + x.Assessed), Collected = g.Sum(x => x.Collected), WrittenOff = g.Sum(x => x.WrittenOff),
                Unpaid = g.Sum(x => x.Unpaid),
            })
            .ToListAsync(ct);
        var kinds = await db.TaxKinds.AsNoTracking().ToDictionaryAsync(k => k.Code, k => (k.Name, k.SortOrder), ct);
        return perInstallment
            .OrderBy(x => kinds.TryGetValue(x.TaxKindCode, out var k) ? k.SortOrder : int.MaxValue).ThenBy(x => x.TaxKindCode).ThenByDescending(x => x.FiscalYear)
            .Select(x => new CarryForwardFigures(x.TaxKindCode, kinds.TryGetValue(x.TaxKindCode, out var k) ? k.Name : x.TaxKindCode, x.FiscalYear,
                x.FiscalYear == closedYear, x.Installments, x.Assessed, x.Collected, x.WrittenOff, x.Unpaid))
            .ToList();
    }

    /// <summary>Records the carry-forward of <paramref name="closedYear"/> (or returns the one already recorded).</summary>
    public static async Task<CarryForwardResult> RunAsync(Store store, Actor actor, int closedYear, TimeProvider clock, CancellationToken ct = default)
    {
        ValidateYear(closedYear);
        var closing = FiscalYears.ClosingDay(closedYear);
        await using (var check = store.CreateContext())
            await AccessControl.DemandAsync(check, actor, Permission.CloseFiscalYear, clock, what: $"滞納繰越 {closedYear} 年度", ct: ct);
        var today = JapanTime.Today(clock);
        if (today < closing)
            throw new DomainException("carry_forward.before_closing",
                $"{closedYear} 年度の出納閉鎖日（{Day(closing)}）より前のため滞納繰越できません（今日 {Day(today)}）。出納整理期間の収入が終わってから実行してください。");
        return await BookingTransaction.RunAsync(store, clock, actor.Name, async (db, _, _, now) =>
        {
            var live = await db.CarryForwards.Include(c => c.Lines).AsNoTracking()
                .SingleOrDefaultAsync(c => c.ClosedFiscalYear == closedYear && c.ReversedAtUtc == null, ct);
            if (live is not null) return new CarryForwardResult(live, true);
            var lines = await ComputeAsync(db, closedYear, ct);
            var step = new CarryForward
            {
                ClosedFiscalYear = closedYear, RunOn = today, RecordedAtUtc = now, RecordedBy = actor.Name,
                Installments = lines.Sum(l => l.Installments), Unpaid = lines.Sum(l => l.Unpaid),
                Lines = lines.Select(l => new CarryForwardLine
                {
                    TaxKindCode = l.TaxKindCode, ClaimFiscalYear = l.ClaimFiscalYear, Current = l.Current, Installments = l.Installments,
                    Assessed = l.Assessed, Collected = l.Collected, WrittenOff = l.WrittenOff, Unpaid = l.Unpaid,
                }).ToList(),
            };
            db.CarryForwards.Add(step);
            await db.SaveChangesAsync(ct);
            var total = CarryForwardReport.Sum("合計", lines);
            await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.FiscalYearCarriedForward,
                Detail: string.Create(CultureInfo.InvariantCulture,
                    $"滞納繰越 {closedYear} 年度（出納閉鎖日 {Day(closing)}）記録 {step.Id}: 調定額 {total.Assessed}円 収入額 {total.Collected}円 不納欠損額 {total.WrittenOff}円 収入未済額 {total.Unpaid}円（{total.Installments} 期別）を {closedYear + 1} 年度の滞納繰越分へ")), clock, ct);
            return new CarryForwardResult(step, false);
        }, ct);
    }

    /// <summary>Reverses the live carry-forward of <paramref name="closedYear"/> (an approver, with a reason).</summary>
    public static async Task<CarryForward> ReverseAsync(Store store, Actor actor, int closedYear, string reason, TimeProvider clock, CancellationToken ct = default)
    {
        ValidateYear(closedYear);
        await using (var check = store.CreateContext())
            await AccessControl.DemandAsync(check, actor, Permission.CloseFiscalYear, clock, what: $"滞納繰越の取消 {closedYear} 年度", ct: ct);
        if (string.IsNullOrWhiteSpace(reason))
            throw new DomainException("carry_forward.reason_required", "滞納繰越を取り消す理由を入力してください（記録に残ります）。");
        return await BookingTransaction.RunAsync(store, clock, actor.Name, async (db, _, _, now) =>
        {
            var step = await db.CarryForwards.SingleOrDefaultAsync(c => c.ClosedFiscalYear == closedYear && c.ReversedAtUtc == null, ct)
                ?? throw new DomainException("carry_forward.none", $"{closedYear} 年度の滞納繰越は記録されていません。取り消すものはありません。");
            var text = Audit.AuditText.MaskMyNumbers(reason.Trim());
            step.ReversedAtUtc = now;
            step.ReversedBy = actor.Name;
            step.ReversalReason = text;
            await db.SaveChangesAsync(ct);
            await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.FiscalYearCarryForwardReversed,
                Detail: string.Create(CultureInfo.InvariantCulture,
                    $"滞納繰越の取消 {closedYear} 年度 記録 {step.Id}（収入未済額 {step.Unpaid}円、{step.RecordedBy} が記録）: {text}")), clock, ct);
            return step;
        }, ct);
    }

    /// <summary>The report of <paramref name="closedYear"/>: the recorded step (when live) and the journal now.</summary>
    public static async Task<CarryForwardReport> ReportAsync(ChoshuDbContext db, int closedYear, CancellationToken ct = default)
    {
        ValidateYear(closedYear);
        var step = await db.CarryForwards.Include(c => c.Lines).AsNoTracking()
            .SingleOrDefaultAsync(c => c.ClosedFiscalYear == closedYear && c.ReversedAtUtc == null, ct);
        var live = await ComputeAsync(db, closedYear, ct);
        var names = live.ToDictionary(l => l.TaxKindCode, l => l.TaxKindName);
        foreach (var k in await db.TaxKinds.AsNoTracking().ToListAsync(ct)) names[k.Code] = k.Name;
        var recorded = step?.Lines.OrderBy(l => l.Id)
            .Select(l => new CarryForwardFigures(l.TaxKindCode, names.GetValueOrDefault(l.TaxKindCode, l.TaxKindCode), l.ClaimFiscalYear, l.Current,
                l.Installments, l.Assessed, l.Collected, l.WrittenOff, l.Unpaid)).ToList() ?? [];
        return new CarryForwardReport(closedYear, FiscalYears.ClosingDay(closedYear), step, recorded, live);
    }

    /// <summary>The report as CSV (UTF-8 with BOM, CR LF, as the other report exports; docs/formats.md "滞納繰越集計").</summary>
    public static byte[] Csv(CarryForwardReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var sb = new StringBuilder();
        CsvOut.AppendRecord(sb, ["会計年度", "税目コード", "税目", "調定年度", "区分", "期別数", "調定額", "収入額", "不納欠損額", "収入未済額"]);
        string N(long v) => v.ToString(CultureInfo.InvariantCulture);
        var fy = report.ClosedFiscalYear.ToString(CultureInfo.InvariantCulture);
        foreach (var l in report.Lines)
            CsvOut.AppendRecord(sb, [fy, CsvOut.Text(l.TaxKindCode), CsvOut.Text(l.TaxKindName), l.ClaimFiscalYear.ToString(CultureInfo.InvariantCulture),
                l.Bucket, l.Installments.ToString(CultureInfo.InvariantCulture), N(l.Assessed), N(l.Collected), N(l.WrittenOff), N(l.Unpaid)]);
        var t = report.Total;
        CsvOut.AppendRecord(sb, [fy, "", "合計", "", "", t.Installments.ToString(CultureInfo.InvariantCulture), N(t.Assessed), N(t.Collected), N(t.WrittenOff), N(t.Unpaid)]);
        return new UTF8Encoding(encoderShouldEmitUTF8Identifier: true).GetBytes(sb.ToString());
    }

    private static void ValidateYear(int year)
    {
        if (!DateBounds.ContainsFiscalYear(year) || !DateBounds.ContainsFiscalYear(year + 1))
            throw new DomainException("carry_forward.fiscal_year_invalid", DateBounds.FiscalYearMessage);
    }

    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
