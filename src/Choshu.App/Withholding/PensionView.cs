using Choshu.App.Claims;
using Choshu.App.Security;
using Choshu.App.Stores;
using Choshu.Data;
using Choshu.Data.Withholding;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Security;
using Choshu.Domain.Withholding;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Withholding;

/// <summary>
/// One pensioner's year with one payer: the monthly amounts (index 0 = April … 5 = February), what the payer paid in for them,
/// the state (特別徴収中, or 停止 with reason and date) and the ordinary assessment the rest became.
/// </summary>
public sealed record PensionerRow(string PayerCode, string PayerName, int FiscalYear, string PensionNo, string TaxpayerNo, string Name, long Annual, long Provisional,
    long[] Months, short LastMonth, string State, long Withheld, long Paid, string? OrdinaryNoticeNo);

/// <summary>A payer's year (the page of <c>choshu pension-withholding show</c>): its installments, pensioners and payments.</summary>
public sealed record PensionPayerPage(string PayerCode, string TaxpayerNo, string Name, int FiscalYear, string NoticeNo, IReadOnlyList<PensionerRow> Pensioners,
    IReadOnlyList<EmployerInstallmentRow> Installments, IReadOnlyList<EmployerPaymentRow> Payments);

/// <summary>Reads pension withholding for staff (<see cref="Permission.ViewTaxpayer"/>); opening a payer's year is audited (3524).</summary>
public sealed class PensionQueries(Store store, TimeProvider clock)
{
    public async Task<PensionPayerPage> LoadPayerAsync(Actor actor, string payerCode, int fiscalYear, CancellationToken ct = default)
    {
        await using var db = store.CreateContext();
        var payer = await db.PensionPayers.AsNoTracking().SingleOrDefaultAsync(p => p.PayerCode == payerCode, ct)
            ?? throw new DomainException("pension.payer_not_found", $"特別徴収義務者コード {payerCode} の年金保険者は登録されていません。");
        await AccessControl.DemandAsync(db, actor, Permission.ViewTaxpayer, clock, payer.TaxpayerId, $"年金保険者 {payerCode}", ct);
        var today = JapanTime.Today(clock);
        var who = await db.Taxpayers.AsNoTracking().SingleAsync(t => t.Id == payer.TaxpayerId, ct);
        var noticeNo = PensionWithholdings.NoticeNoOf(fiscalYear, payerCode);
        var installments = await db.Installments.AsNoTracking()
            .Where(i => i.Assessment!.TaxKindCode == PensionWithholdings.TaxKindCode && i.Assessment.FiscalYear == fiscalYear && i.Assessment.NoticeNo == noticeNo)
            .OrderBy(i => i.Period).ToListAsync(ct);
        var ids = installments.Select(i => i.Id).ToList();
        var ledgers = await ClaimLedgers.LoadAsync(db, ids, ct);
        var rates = await ReferenceData.LoadRatesAsync(db, ct);
        var rows = installments.Select(i =>
        {
            var l = ledgers[i.Id];
            long fee;
            try { fee = l.LateFeeOwed(today, rates).Owed; }
            catch (DomainException) { fee = 0; }
            var label = PensionWithholdings.MonthName(fiscalYear, i.Period) + (PensionSchedule.IsProvisional(i.Period) ? "（仮徴収）" : "（本徴収）");
            return new EmployerInstallmentRow(i.Id, i.Period, label, i.DueDate, l.Principal, l.PrincipalPaid, l.PrincipalBalance, fee);
        }).ToList();
        var pensioners = await RowsAsync(db, db.PensionAssignments.Where(a => a.PayerId == payer.Id && a.FiscalYear == fiscalYear), ct);
        var paymentRows = await db.Payments.AsNoTracking().Where(p => p.InstallmentId != null && ids.Contains(p.InstallmentId.Value)).OrderBy(p => p.PaidOn).ThenBy(p => p.Id).ToListAsync(ct);
        var paymentIds = paymentRows.Select(p => p.Id).ToList();
        var lineCounts = await db.PensionRemittanceLines.AsNoTracking().Where(l => paymentIds.Contains(l.PaymentId)).GroupBy(l => l.PaymentId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var payments = paymentRows.Select(p => new EmployerPaymentRow(p.Id, installments.Single(i => i.Id == p.InstallmentId).Period, p.PaidOn, p.ReceivedOn, p.Amount,
            lineCounts.GetValueOrDefault(p.Id), Domain.Labels.JapaneseLabels.Of(p.Status))).ToList();
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.PensionWithholdingViewed, TaxpayerId: payer.TaxpayerId,
            Detail: $"特別徴収義務者コード {payerCode} {fiscalYear}年度 対象者 {pensioners.Count}人"), clock, ct);
        return new PensionPayerPage(payerCode, who.TaxpayerNo, who.Facts.NameKanji, fiscalYear, noticeNo, pensioners, rows, payments);
    }

    /// <summary>One pensioner's withholding by 宛名番号 (<c>choshu pension-withholding show --taxpayer-no</c>), audited (3524).</summary>
    public async Task<IReadOnlyList<PensionerRow>> LoadPensionerAsync(Actor actor, string taxpayerNo, CancellationToken ct = default)
    {
        await using var db = store.CreateContext();
        var id = await db.Taxpayers.AsNoTracking().Where(t => t.TaxpayerNo == taxpayerNo).Select(t => (long?)t.Id).SingleOrDefaultAsync(ct)
            ?? throw new DomainException("pension.taxpayer_not_found", $"宛名番号 {taxpayerNo} は登録されていません。");
        await AccessControl.DemandAsync(db, actor, Permission.ViewTaxpayer, clock, id, $"年金特別徴収 宛名番号 {taxpayerNo}", ct);
        var rows = await ForPensionerAsync(db, id, ct);
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.PensionWithholdingViewed, TaxpayerId: id,
            Detail: $"年金受給者 宛名番号 {taxpayerNo} {rows.Count}件"), clock, ct);
        return rows;
    }

    /// <summary>
    /// The pension withholding of one taxpayer as pensioner, every year and payer, for the taxpayer page (whose reading is the
    /// page's audited view) and <c>choshu pension-withholding show --taxpayer-no</c>.
    /// </summary>
    public static Task<IReadOnlyList<PensionerRow>> ForPensionerAsync(ChoshuDbContext db, long taxpayerId, CancellationToken ct = default) =>
        RowsAsync(db, db.PensionAssignments.Where(a => a.PensionerTaxpayerId == taxpayerId), ct);

    private static async Task<IReadOnlyList<PensionerRow>> RowsAsync(ChoshuDbContext db, IQueryable<PensionAssignment> query, CancellationToken ct)
    {
        var assignments = await query.AsNoTracking().Include(a => a.MonthAmounts).OrderByDescending(a => a.FiscalYear).ThenBy(a => a.PensionNo).ToListAsync(ct);
        if (assignments.Count == 0) return [];
        var payerIds = assignments.Select(a => a.PayerId).Distinct().ToList();
        var payers = (await (from p in db.PensionPayers.AsNoTracking() where payerIds.Contains(p.Id)
                             join t in db.Taxpayers on p.TaxpayerId equals t.Id
                             select new { p.Id, p.PayerCode, t.Facts }).ToListAsync(ct)).ToDictionary(x => x.Id);
        var people = assignments.Select(a => a.PensionerTaxpayerId).Distinct().ToList();
        var names = (await db.Taxpayers.AsNoTracking().Where(t => people.Contains(t.Id)).Select(t => new { t.Id, t.TaxpayerNo, t.Facts }).ToListAsync(ct)).ToDictionary(t => t.Id);
        var aids = assignments.Select(a => a.Id).ToList();
        var paid = (await db.PensionRemittanceLines.AsNoTracking().Where(l => aids.Contains(l.AssignmentId))
                .Join(db.Payments, l => l.PaymentId, p => p.Id, (l, p) => new { l.AssignmentId, l.Amount, p.Status }).ToListAsync(ct))
            .Where(x => x.Status == Domain.Reconciliation.PaymentStatus.Booked).GroupBy(x => x.AssignmentId).ToDictionary(g => g.Key, g => g.Sum(x => x.Amount));
        var ordinaryIds = assignments.Where(a => a.OrdinaryAssessmentId is not null).Select(a => a.OrdinaryAssessmentId!.Value).ToList();
        var ordinaryNos = await db.Assessments.AsNoTracking().Where(a => ordinaryIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.NoticeNo, ct);
        return assignments.Select(a =>
        {
            var months = new long[PensionSchedule.Months];
            foreach (var m in a.MonthAmounts) months[m.MonthNo - 1] = m.Amount;
            var state = a.StopReason is { } r
                ? $"停止（{PensionWithholdings.ReasonName(r)}、{a.StoppedOn:yyyy-MM-dd}、{(a.LastMonth == 0 ? "徴収なし" : PensionWithholdings.MonthName(a.FiscalYear, a.LastMonth) + "まで")}）"
                : "特別徴収中";
            var p = payers[a.PayerId];
            var n = names[a.PensionerTaxpayerId];
            return new PensionerRow(p.PayerCode, p.Facts.NameKanji, a.FiscalYear, a.PensionNo, n.TaxpayerNo, n.Facts.NameKanji, a.AnnualAmount, a.ProvisionalAmount,
                months, a.LastMonth, state, months.Sum(), paid.GetValueOrDefault(a.Id), a.OrdinaryAssessmentId is { } o ? ordinaryNos[o] : null);
        }).ToList();
    }
}
