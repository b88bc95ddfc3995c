using Choshu.App.Claims;
using Choshu.App.Security;
using Choshu.App.Stores;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Security;
using Choshu.Domain.Withholding;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Withholding;

/// <summary>One employee of an employer's year: the monthly amounts (index 0 = June) and what the employer has paid in for them.</summary>
public sealed record EmployeeRow(string RecipientNo, string TaxpayerNo, string Name, short FirstMonth, short LastMonth, string State, long[] Months, long Withheld, long Paid,
    string? OrdinaryNoticeNo);

/// <summary>One installment of the employer: 期別, the months it covers, 納期限, 調定額, 収入額, 未納額, 延滞金 (as of today).</summary>
public sealed record EmployerInstallmentRow(long InstallmentId, short Period, string Months, DateOnly DueDate, long Charged, long Paid, long Balance, long LateFee);

/// <summary>One payment of the employer with the number of employees in its breakdown.</summary>
public sealed record EmployerPaymentRow(long PaymentId, short Period, DateOnly PaidOn, DateOnly? ReceivedOn, long Amount, int Employees, string Status);

/// <summary>The employer page and <c>choshu employer show</c>.</summary>
public sealed record EmployerPage(long EmployerId, string DesignationNo, string TaxpayerNo, string Name, string? CorporateNumber, bool SpecialSchedule, int FiscalYear,
    string NoticeNo, IReadOnlyList<EmployeeRow> Employees, IReadOnlyList<EmployerInstallmentRow> Installments, IReadOnlyList<EmployerPaymentRow> Payments);

/// <summary>An employer as listed (指定番号, 名称, employees this year).</summary>
public sealed record EmployerListRow(string DesignationNo, string TaxpayerNo, string Name, bool SpecialSchedule);

/// <summary>Reads employers for staff (<see cref="Permission.ViewTaxpayer"/>); opening one is audited (3446).</summary>
public sealed class EmployerQueries(Store store, TimeProvider clock)
{
    public async Task<IReadOnlyList<EmployerListRow>> ListAsync(Actor actor, CancellationToken ct = default)
    {
        await using var db = store.CreateContext();
        await AccessControl.DemandAsync(db, actor, Permission.ViewTaxpayer, clock, what: "特別徴収義務者の一覧", ct: ct);
        return (await (from e in db.WithholdingEmployers.AsNoTracking()
                       join t in db.Taxpayers on e.TaxpayerId equals t.Id
                       orderby e.DesignationNo
                       select new { e.DesignationNo, t.TaxpayerNo, t.Facts, e.SpecialSchedule }).ToListAsync(ct))
            .Select(x => new EmployerListRow(x.DesignationNo, x.TaxpayerNo, x.Facts.NameKanji, x.SpecialSchedule)).ToList();
    }

    public async Task<EmployerPage> LoadAsync(Actor actor, string designationNo, int fiscalYear, CancellationToken ct = default)
    {
        await using var db = store.CreateContext();
        var employer = await db.WithholdingEmployers.AsNoTracking().SingleOrDefaultAsync(e => e.DesignationNo == designationNo, ct)
            ?? throw new DomainException("withholding.employer_not_found", $"指定番号 {designationNo} の特別徴収義務者は登録されていません。");
        await AccessControl.DemandAsync(db, actor, Permission.ViewTaxpayer, clock, employer.TaxpayerId, $"特別徴収義務者 {designationNo}", ct);
        var today = JapanTime.Today(clock);
        var payer = await db.Taxpayers.AsNoTracking().SingleAsync(t => t.Id == employer.TaxpayerId, ct);
        var noticeNo = Employers.NoticeNoOf(fiscalYear, designationNo);
        var installments = await db.Installments.AsNoTracking()
            .Where(i => i.Assessment!.TaxKindCode == Employers.TaxKindCode && i.Assessment.FiscalYear == fiscalYear && i.Assessment.NoticeNo == noticeNo)
            .OrderBy(i => i.Period).ToListAsync(ct);
        var ids = installments.Select(i => i.Id).ToList();
        var ledgers = await ClaimLedgers.LoadAsync(db, ids, ct);
        var rates = await ReferenceData.LoadRatesAsync(db, ct);
        var rows = installments.Select(i =>
        {
            var l = ledgers[i.Id];
            var months = WithholdingSchedule.MonthsOf(i.Period, employer.SpecialSchedule);
            var label = months.Count == 1 ? Employers.MonthName(fiscalYear, months[0]) : $"{Employers.MonthName(fiscalYear, months[0])}〜{Employers.MonthName(fiscalYear, months[^1])}";
            long fee;
            try { fee = l.LateFeeOwed(today, rates).Owed; }
            catch (DomainException) { fee = 0; }
            return new EmployerInstallmentRow(i.Id, i.Period, label, i.DueDate, l.Principal, l.PrincipalPaid, l.PrincipalBalance, fee);
        }).ToList();

        var assignments = await db.WithholdingAssignments.AsNoTracking().Include(a => a.MonthAmounts)
            .Where(a => a.EmployerId == employer.Id && a.FiscalYear == fiscalYear).OrderBy(a => a.RecipientNo).ToListAsync(ct);
        var people = assignments.Select(a => a.EmployeeTaxpayerId).Distinct().ToList();
        var names = (await db.Taxpayers.AsNoTracking().Where(t => people.Contains(t.Id)).Select(t => new { t.Id, t.TaxpayerNo, t.Facts }).ToListAsync(ct))
            .ToDictionary(t => t.Id);
        var aids = assignments.Select(a => a.Id).ToList();
        var lines = await db.WithholdingRemittanceLines.AsNoTracking().Where(l => aids.Contains(l.AssignmentId))
            .Join(db.Payments, l => l.PaymentId, p => p.Id, (l, p) => new { l.AssignmentId, l.PaymentId, l.Period, l.Amount, p.Status }).ToListAsync(ct);
        var live = lines.Where(l => l.Status == Domain.Reconciliation.PaymentStatus.Booked).ToList();
        var ordinaryIds = assignments.Where(a => a.OrdinaryAssessmentId is not null).Select(a => a.OrdinaryAssessmentId!.Value).ToList();
        var ordinaryNos = await db.Assessments.AsNoTracking().Where(a => ordinaryIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.NoticeNo, ct);
        var employees = assignments.Select(a =>
        {
            var months = new long[WithholdingSchedule.Months];
            foreach (var m in a.MonthAmounts) months[m.MonthNo - 1] = m.Amount;
            var state = a.EndKind switch
            {
                null => "特別徴収中",
                (short)LeaveMode.Ordinary => $"普通徴収へ切替（{a.EndedOn:yyyy-MM-dd}）",
                (short)LeaveMode.LumpSum => $"一括徴収（{a.EndedOn:yyyy-MM-dd}）",
                _ => $"転勤（{a.EndedOn:yyyy-MM-dd}）",
            };
            var who = names[a.EmployeeTaxpayerId];
            return new EmployeeRow(a.RecipientNo, who.TaxpayerNo, who.Facts.NameKanji, a.FirstMonth, a.LastMonth, state, months, months.Sum(),
                live.Where(l => l.AssignmentId == a.Id).Sum(l => l.Amount), a.OrdinaryAssessmentId is { } o ? ordinaryNos[o] : null);
        }).ToList();

        var payments = (await db.Payments.AsNoTracking().Where(p => p.InstallmentId != null && ids.Contains(p.InstallmentId.Value)).OrderBy(p => p.PaidOn).ThenBy(p => p.Id).ToListAsync(ct))
            .Select(p => new EmployerPaymentRow(p.Id, installments.Single(i => i.Id == p.InstallmentId).Period, p.PaidOn, p.ReceivedOn, p.Amount,
                lines.Count(l => l.PaymentId == p.Id), Domain.Labels.JapaneseLabels.Of(p.Status))).ToList();

        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.WithholdingEmployerViewed, TaxpayerId: employer.TaxpayerId,
            Detail: $"指定番号 {designationNo} {fiscalYear}年度 対象者 {employees.Count}人"), clock, ct);
        return new EmployerPage(employer.Id, designationNo, payer.TaxpayerNo, payer.Facts.NameKanji, payer.CorporateNumber, employer.SpecialSchedule, fiscalYear, noticeNo,
            employees, rows, payments);
    }
}
