using System.Globalization;
using Choshu.App.Security;
using Choshu.App.Stores;
using Choshu.App.Reconciliation;
using Choshu.Data;
using Choshu.Data.Assessments;
using Choshu.Data.Ledger;
using Choshu.Data.Withholding;
using Choshu.Domain;
using Choshu.Domain.Assessments;
using Choshu.Domain.Calendar;
using Choshu.Domain.Ledger;
using Choshu.Domain.Security;
using Choshu.Domain.Withholding;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Withholding;

/// <summary>One employee of a 特別徴収税額の決定 or 異動届: the employee's 宛名番号, 受給者番号 and the amount to withhold.</summary>
/// <param name="Amount">The amount for the months withheld: the year's amount at the determination, the amount from the first month on for a join.</param>
public sealed record WithholdingEmployeeInput(string TaxpayerNo, string RecipientNo, long Amount);

/// <summary>How the rest of a leaving employee's tax is collected.</summary>
public enum LeaveMode : short
{
    /// <summary>普通徴収へ切替: a new ordinary assessment of the employee.</summary>
    Ordinary = 1,
    /// <summary>一括徴収: the employer withholds the rest from the last salary and pays it with the last month.</summary>
    LumpSum = 2,
    /// <summary>転勤: withheld on by another employer (<see cref="Employers.MoveAsync"/>).</summary>
    Moved = 3,
}

/// <summary>One installment of a leaving employee's ordinary assessment.</summary>
public sealed record OrdinaryInstallment(short Period, DateOnly NominalDueDate, DateOnly DueDate, long Amount);

/// <summary>What an employee's leaving did: the amount not withheld and where it went.</summary>
public sealed record LeaveResult(long Remaining, LeaveMode Mode, string? OrdinaryNoticeNo, IReadOnlyList<OrdinaryInstallment> Ordinary);

/// <summary>
/// 特別徴収義務者 and their employees (地方税法321条の3–321条の7). The employer is a payer: <see cref="DetermineAsync"/> gives its
/// 宛名 an assessment of 税目 <see cref="TaxKindCode"/> for the fiscal year, one installment per month (or two under 納期の特例),
/// due the 10th of the next month shifted past closed days, charged the sum of its employees' 月割額. Reminders, late fee on
/// the installment from its own 納期限, payments and delinquency cases then run on the employer with the machinery every
/// installment has. Each employee's monthly amounts are kept beside it (<see cref="WithholdingAssignment"/>); an 異動届
/// (<see cref="JoinAsync"/>, <see cref="LeaveAsync"/>, <see cref="MoveAsync"/>) amends the employer's installments from the
/// month it takes effect and, for an employee switched to 普通徴収, assesses the rest on the employee.
/// Every change needs <see cref="Permission.RecordPayments"/>, runs in one booking transaction (the payments lock) and is
/// audited (3440–3444).
/// </summary>
public sealed class Employers(Store store, TimeProvider clock)
{
    /// <summary>税目コード of 市民税（特別徴収）, added as data on first use.</summary>
    public const string TaxKindCode = "11";
    public const string TaxKindName = "市民税（特別徴収）";
    public const string ChargeReason = "withholding.determination";
    public const string ChangeReason = "withholding.change";
    public const string OrdinaryReason = "withholding.ordinary";

    /// <summary>The 通知書番号 of an employer's year: 年度 + 11 + 指定番号.</summary>
    public static string NoticeNoOf(int fiscalYear, string designationNo) =>
        string.Create(CultureInfo.InvariantCulture, $"{fiscalYear}{TaxKindCode}{designationNo}");

    /// <summary>The 通知書番号 of the ordinary assessment of an employee switched to 普通徴収: 年度 + 019 + the assignment, 8 digits.</summary>
    public static string OrdinaryNoticeNoOf(int fiscalYear, long assignmentId) =>
        string.Create(CultureInfo.InvariantCulture, $"{fiscalYear}019{assignmentId:D8}");

    /// <summary>Registers a 特別徴収義務者: the 宛名 (a corporation with 法人番号, or a proprietor) and the 指定番号.</summary>
    public async Task<long> RegisterAsync(Actor actor, string taxpayerNo, string designationNo, bool specialSchedule, CancellationToken ct = default)
    {
        CheckDesignationNo(designationNo);
        await DemandAsync(actor, $"特別徴収義務者の登録 指定番号 {designationNo}", ct);
        return await BookingTransaction.RunAsync(store, clock, actor.Name, async (db, _, _, now) =>
        {
            var taxpayer = await db.Taxpayers.AsNoTracking().Where(t => t.TaxpayerNo == taxpayerNo).Select(t => new { t.Id, t.CorporateNumber }).SingleOrDefaultAsync(ct)
                ?? throw new DomainException("withholding.taxpayer_not_found", $"宛名番号 {taxpayerNo} は登録されていません（特別徴収義務者の宛名を先に登録してください）。");
            if (await db.WithholdingEmployers.AnyAsync(e => e.DesignationNo == designationNo, ct))
                throw new DomainException("withholding.designation_taken", $"指定番号 {designationNo} はすでに登録されています。");
            if (await db.WithholdingEmployers.AnyAsync(e => e.TaxpayerId == taxpayer.Id, ct))
                throw new DomainException("withholding.employer_exists", $"宛名番号 {taxpayerNo} はすでに特別徴収義務者として登録されています。");
            var employer = new WithholdingEmployer { TaxpayerId = taxpayer.Id, DesignationNo = designationNo, SpecialSchedule = specialSchedule, CreatedAtUtc = now, CreatedBy = actor.Name };
            db.WithholdingEmployers.Add(employer);
            await db.SaveChangesAsync(ct);
            await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.WithholdingEmployerRegistered, TaxpayerId: taxpayer.Id,
                Detail: $"指定番号 {designationNo} 宛名番号 {taxpayerNo}{(taxpayer.CorporateNumber is null ? "" : " 法人番号 " + taxpayer.CorporateNumber)}{(specialSchedule ? " 納期の特例" : "")}"), clock, ct);
            return employer.Id;
        }, ct);
    }

    /// <summary>
    /// 特別徴収税額の決定: the employer's assessment for <paramref name="fiscalYear"/> (its installments, each charged the sum of
    /// the employees' 月割額 for its months, valued <paramref name="noticeDate"/>) and each employee's monthly amounts.
    /// Refused when the year is already determined (changes are 異動届).
    /// </summary>
    public async Task<long> DetermineAsync(Actor actor, string designationNo, int fiscalYear, DateOnly noticeDate,
        IReadOnlyList<WithholdingEmployeeInput> employees, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(employees);
        if (employees.Count == 0) throw new DomainException("withholding.no_employees", "特別徴収の対象者を1人以上指定してください。");
        var dup = employees.GroupBy(e => e.RecipientNo).FirstOrDefault(g => g.Count() > 1);
        if (dup is not null) throw new DomainException("withholding.recipient_duplicate", $"受給者番号 {dup.Key} が重複しています。");
        foreach (var e in employees) CheckEmployee(e);
        await DemandAsync(actor, $"特別徴収税額の決定 指定番号 {designationNo} {fiscalYear}年度", ct);
        return await BookingTransaction.RunAsync(store, clock, actor.Name, async (db, _, _, now) =>
        {
            var employer = await EmployerAsync(db, designationNo, ct);
            var noticeNo = NoticeNoOf(fiscalYear, designationNo);
            if (await db.Assessments.AnyAsync(a => a.TaxKindCode == TaxKindCode && a.FiscalYear == fiscalYear && a.NoticeNo == noticeNo, ct))
                throw new DomainException("withholding.already_determined", $"指定番号 {designationNo} の{fiscalYear}年度の特別徴収税額は決定済みです。変更は異動届で登録してください。");
            await EnsureTaxKindAsync(db, ct);
            var calendar = await ReferenceData.LoadCalendarAsync(db, ct);
            var people = await TaxpayerIdsAsync(db, employees.Select(e => e.TaxpayerNo), ct);
            var assessment = new Assessment
            {
                TaxpayerId = employer.TaxpayerId, TaxKindCode = TaxKindCode, FiscalYear = fiscalYear, LiabilityYear = fiscalYear,
                NoticeNo = noticeNo, CreatedAtUtc = now,
            };
            for (short p = 1; p <= WithholdingSchedule.Periods(employer.SpecialSchedule); p++)
            {
                var nominal = WithholdingSchedule.NominalDueDate(fiscalYear, p, employer.SpecialSchedule);
                var due = calendar.EffectiveDueDate(nominal);
                assessment.Installments.Add(new Installment { Period = p, NominalDueDate = nominal, DueDate = due, StatutoryDueDate = due });
            }
            db.Assessments.Add(assessment);
            var perPeriod = new long[WithholdingSchedule.Periods(employer.SpecialSchedule) + 1];
            foreach (var e in employees)
            {
                var months = WithholdingSchedule.Split(e.Amount);
                db.WithholdingAssignments.Add(Assignment(employer.Id, fiscalYear, people[e.TaxpayerNo], e.RecipientNo, 1, months, now, actor.Name));
                for (var m = 1; m <= WithholdingSchedule.Months; m++) perPeriod[WithholdingSchedule.PeriodOf(m, employer.SpecialSchedule)] += months[m - 1];
            }
            await db.SaveChangesAsync(ct);
            foreach (var i in assessment.Installments)
                db.JournalEntries.Add(Entry(i.Id, JournalEntryKind.Charge, perPeriod[i.Period], noticeDate, ChargeReason, actor.Name, now,
                    $"whcharge:{assessment.Id}:{i.Period}", $"特別徴収税額の決定 {employees.Count}人"));
            await db.SaveChangesAsync(ct);
            await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.WithholdingDetermined, TaxpayerId: employer.TaxpayerId,
                Detail: $"指定番号 {designationNo} {fiscalYear}年度 通知書番号 {noticeNo} 対象者 {employees.Count}人 年税額計 {employees.Sum(e => e.Amount)}円 期別 {assessment.Installments.Count}"), clock, ct);
            return assessment.Id;
        }, ct);
    }

    /// <summary>
    /// 異動届（追加）: an employee withheld by the employer from <paramref name="firstMonth"/> (1 = June) of the year, the
    /// amount split over the months left; the employer's installments of those months are amended up, valued <paramref name="on"/>.
    /// </summary>
    public async Task<long> JoinAsync(Actor actor, string designationNo, int fiscalYear, WithholdingEmployeeInput employee, short firstMonth, DateOnly on, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(employee);
        CheckEmployee(employee);
        WithholdingSchedule.CalendarMonth(fiscalYear, firstMonth);
        await DemandAsync(actor, $"異動届（追加） 指定番号 {designationNo} 受給者番号 {employee.RecipientNo}", ct);
        return await BookingTransaction.RunAsync(store, clock, actor.Name, async (db, _, _, now) =>
        {
            var employer = await EmployerAsync(db, designationNo, ct);
            var id = await JoinInAsync(db, actor, employer, fiscalYear, employee, firstMonth, on, now, ct);
            await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.WithholdingEmployeeJoined, TaxpayerId: employer.TaxpayerId,
                Detail: $"指定番号 {designationNo} {fiscalYear}年度 受給者番号 {employee.RecipientNo} 宛名番号 {employee.TaxpayerNo} {MonthName(fiscalYear, firstMonth)}から {employee.Amount}円 異動日 {on:yyyy-MM-dd}"), clock, ct);
            return id;
        }, ct);
    }

    /// <summary>
    /// 異動届（退職等）: the employee is withheld through <paramref name="lastMonth"/>; the employer's installments of the later
    /// months are amended down (valued <paramref name="on"/>) and the rest is collected by <paramref name="mode"/>:
    /// 普通徴収 (an ordinary assessment of the employee noticed on <paramref name="noticeDate"/>, <see cref="OrdinarySwitch"/>) or
    /// 一括徴収 (added to the employer's installment of the last month).
    /// </summary>
    public async Task<LeaveResult> LeaveAsync(Actor actor, string designationNo, int fiscalYear, string recipientNo, DateOnly on, short lastMonth,
        LeaveMode mode, DateOnly noticeDate, CancellationToken ct = default)
    {
        if (mode == LeaveMode.Moved) throw new DomainException("withholding.leave_mode", "転勤は転勤の異動届（特別徴収の継続）として登録してください。");
        WithholdingSchedule.CalendarMonth(fiscalYear, lastMonth);
        await DemandAsync(actor, $"異動届（退職） 指定番号 {designationNo} 受給者番号 {recipientNo}", ct);
        return await BookingTransaction.RunAsync(store, clock, actor.Name, async (db, _, _, now) =>
        {
            var employer = await EmployerAsync(db, designationNo, ct);
            var (assignment, remaining, _) = await EndAsync(db, employer, fiscalYear, recipientNo, on, lastMonth, mode, actor.Name, now, ct);
            var ordinary = new List<OrdinaryInstallment>();
            string? ordinaryNo = null;
            if (mode == LeaveMode.LumpSum && remaining > 0)
            {
                var installmentId = await InstallmentIdAsync(db, fiscalYear, designationNo, WithholdingSchedule.PeriodOf(lastMonth, employer.SpecialSchedule), ct);
                db.JournalEntries.Add(Entry(installmentId, JournalEntryKind.Amendment, remaining, on, ChangeReason, actor.Name, now,
                    $"wh:{assignment.Id}:lump", $"一括徴収 受給者番号 {recipientNo}"));
                var m = assignment.MonthAmounts.Single(x => x.MonthNo == lastMonth);
                m.Amount += remaining;
            }
            else if (mode == LeaveMode.Ordinary && remaining > 0)
            {
                ordinaryNo = OrdinaryNoticeNoOf(fiscalYear, assignment.Id);
                (assignment.OrdinaryAssessmentId, ordinary) = await SwitchToOrdinaryAsync(db, assignment.EmployeeTaxpayerId, fiscalYear, ordinaryNo, remaining, noticeDate,
                    $"whordinary:{assignment.Id}", $"特別徴収から普通徴収へ切替 指定番号 {designationNo} 受給者番号 {recipientNo}", actor.Name, now, ct);
            }
            await db.SaveChangesAsync(ct);
            await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.WithholdingEmployeeLeft, TaxpayerId: assignment.EmployeeTaxpayerId,
                Detail: $"指定番号 {designationNo} {fiscalYear}年度 受給者番号 {recipientNo} 異動日 {on:yyyy-MM-dd} {MonthName(fiscalYear, lastMonth)}まで特別徴収 未徴収 {remaining}円 "
                    + (mode == LeaveMode.LumpSum ? "一括徴収" : $"普通徴収へ切替{(ordinaryNo is null ? "" : " 通知書番号 " + ordinaryNo)} " + string.Join("、", ordinary.Select(o => $"第{o.Period}期 {o.DueDate:yyyy-MM-dd} {o.Amount}円")))), clock, ct);
            return new LeaveResult(remaining, mode, ordinaryNo, ordinary);
        }, ct);
    }

    /// <summary>
    /// 異動届（転勤）: the employee leaves <paramref name="fromDesignationNo"/> after <paramref name="lastMonth"/> and is withheld on by
    /// <paramref name="toDesignationNo"/> from the next month with the same monthly amounts (継続特別徴収). Both employers'
    /// installments are amended, valued <paramref name="on"/>.
    /// </summary>
    public async Task<long> MoveAsync(Actor actor, string fromDesignationNo, int fiscalYear, string recipientNo, string toDesignationNo, string newRecipientNo,
        DateOnly on, short lastMonth, CancellationToken ct = default)
    {
        if (lastMonth >= WithholdingSchedule.Months) throw new DomainException("withholding.move_last_month", "5月分まで特別徴収した後は転勤先で徴収する月がありません。");
        WithholdingSchedule.CalendarMonth(fiscalYear, lastMonth);
        await DemandAsync(actor, $"異動届（転勤） 指定番号 {fromDesignationNo} → {toDesignationNo} 受給者番号 {recipientNo}", ct);
        return await BookingTransaction.RunAsync(store, clock, actor.Name, async (db, _, _, now) =>
        {
            var from = await EmployerAsync(db, fromDesignationNo, ct);
            var to = await EmployerAsync(db, toDesignationNo, ct);
            var (assignment, remaining, before) = await EndAsync(db, from, fiscalYear, recipientNo, on, lastMonth, LeaveMode.Moved, actor.Name, now, ct);
            var taxpayerNo = await db.Taxpayers.Where(t => t.Id == assignment.EmployeeTaxpayerId).Select(t => t.TaxpayerNo).SingleAsync(ct);
            var firstMonth = (short)(lastMonth + 1);
            // The same monthly amounts go on (the remainder of a re-split would move money between months).
            var months = new long[WithholdingSchedule.Months];
            for (var m = firstMonth; m <= WithholdingSchedule.Months; m++) months[m - 1] = before[m - 1];
            var id = await JoinInAsync(db, actor, to, fiscalYear, new WithholdingEmployeeInput(taxpayerNo, newRecipientNo, remaining), firstMonth, on, now, ct, months);
            assignment.MovedToAssignmentId = id;
            await db.SaveChangesAsync(ct);
            await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.WithholdingEmployeeMoved, TaxpayerId: assignment.EmployeeTaxpayerId,
                Detail: $"{fiscalYear}年度 指定番号 {fromDesignationNo} 受給者番号 {recipientNo} → 指定番号 {toDesignationNo} 受給者番号 {newRecipientNo} {MonthName(fiscalYear, firstMonth)}から {remaining}円 異動日 {on:yyyy-MM-dd}"), clock, ct);
            return id;
        }, ct);
    }

    private async Task<long> JoinInAsync(ChoshuDbContext db, Actor actor, WithholdingEmployer employer, int fiscalYear, WithholdingEmployeeInput employee, short firstMonth,
        DateOnly on, DateTime now, CancellationToken ct, long[]? givenMonths = null)
    {
        var noticeNo = NoticeNoOf(fiscalYear, employer.DesignationNo);
        var assessment = await db.Assessments.Include(a => a.Installments).SingleOrDefaultAsync(a => a.TaxKindCode == TaxKindCode && a.FiscalYear == fiscalYear && a.NoticeNo == noticeNo, ct)
            ?? throw new DomainException("withholding.not_determined", $"指定番号 {employer.DesignationNo} の{fiscalYear}年度の特別徴収税額が決定されていません。");
        if (await db.WithholdingAssignments.AnyAsync(a => a.EmployerId == employer.Id && a.FiscalYear == fiscalYear && a.RecipientNo == employee.RecipientNo, ct))
            throw new DomainException("withholding.recipient_taken", $"指定番号 {employer.DesignationNo} の{fiscalYear}年度に受給者番号 {employee.RecipientNo} はすでにあります。");
        var people = await TaxpayerIdsAsync(db, [employee.TaxpayerNo], ct);
        var months = givenMonths ?? WithholdingSchedule.SplitFrom(employee.Amount, firstMonth);
        var assignment = Assignment(employer.Id, fiscalYear, people[employee.TaxpayerNo], employee.RecipientNo, firstMonth, months, now, actor.Name);
        db.WithholdingAssignments.Add(assignment);
        await db.SaveChangesAsync(ct);
        foreach (var g in Enumerable.Range(firstMonth, WithholdingSchedule.Months - firstMonth + 1).GroupBy(m => WithholdingSchedule.PeriodOf(m, employer.SpecialSchedule)))
        {
            var amount = g.Sum(m => months[m - 1]);
            if (amount == 0) continue;
            var installment = assessment.Installments.Single(i => i.Period == g.Key);
            db.JournalEntries.Add(Entry(installment.Id, JournalEntryKind.Amendment, amount, on, ChangeReason, actor.Name, now,
                $"wh:{assignment.Id}:join:{g.Key}", $"異動届（追加） 受給者番号 {employee.RecipientNo}"));
        }
        await db.SaveChangesAsync(ct);
        return assignment.Id;
    }

    /// <summary>Ends an assignment after <paramref name="lastMonth"/>: the later months' amounts come off the employer's installments. Returns the amount not withheld.</summary>
    private static async Task<(WithholdingAssignment Assignment, long Remaining, long[] Before)> EndAsync(ChoshuDbContext db, WithholdingEmployer employer, int fiscalYear, string recipientNo,
        DateOnly on, short lastMonth, LeaveMode mode, string actor, DateTime now, CancellationToken ct)
    {
        var assignment = await db.WithholdingAssignments.Include(a => a.MonthAmounts)
            .SingleOrDefaultAsync(a => a.EmployerId == employer.Id && a.FiscalYear == fiscalYear && a.RecipientNo == recipientNo, ct)
            ?? throw new DomainException("withholding.recipient_not_found", $"指定番号 {employer.DesignationNo} の{fiscalYear}年度に受給者番号 {recipientNo} はありません。");
        if (assignment.EndKind is not null)
            throw new DomainException("withholding.already_ended", $"受給者番号 {recipientNo} の特別徴収は {assignment.EndedOn:yyyy-MM-dd} に終了しています。");
        if (lastMonth < assignment.FirstMonth - 1)
            throw new DomainException("withholding.last_month_before_first", $"最終徴収月（{MonthName(fiscalYear, lastMonth)}）が特別徴収の開始月（{MonthName(fiscalYear, assignment.FirstMonth)}）より前です。");
        var before = new long[WithholdingSchedule.Months];
        foreach (var m in assignment.MonthAmounts) before[m.MonthNo - 1] = m.Amount;
        var noticeNo = NoticeNoOf(fiscalYear, employer.DesignationNo);
        var installments = await db.Installments.Where(i => i.Assessment!.TaxKindCode == TaxKindCode && i.Assessment.FiscalYear == fiscalYear && i.Assessment.NoticeNo == noticeNo)
            .ToDictionaryAsync(i => i.Period, i => i.Id, ct);
        long remaining = 0;
        foreach (var g in assignment.MonthAmounts.Where(m => m.MonthNo > lastMonth && m.Amount != 0).GroupBy(m => WithholdingSchedule.PeriodOf(m.MonthNo, employer.SpecialSchedule)))
        {
            var amount = g.Sum(m => m.Amount);
            remaining += amount;
            db.JournalEntries.Add(Entry(installments[g.Key], JournalEntryKind.Amendment, -amount, on, ChangeReason, actor, now,
                $"wh:{assignment.Id}:end:{g.Key}", $"異動届（{(mode == LeaveMode.Moved ? "転勤" : "退職")}） 受給者番号 {recipientNo}"));
            foreach (var m in g) m.Amount = 0;
        }
        assignment.LastMonth = lastMonth;
        assignment.EndedOn = on;
        assignment.EndKind = (short)mode;
        await db.SaveChangesAsync(ct);
        return (assignment, remaining, before);
    }

    /// <summary>
    /// 普通徴収への切替, shared by an employee who leaves (<see cref="LeaveAsync"/>) and a pension that stops
    /// (<see cref="PensionWithholdings.StopAsync"/>): the <paramref name="remaining"/> amount becomes an ordinary assessment
    /// (税目 01) of the taxpayer noticed on <paramref name="noticeDate"/>, on the 納期 of <see cref="OrdinarySwitch.Plan"/>, each due
    /// date shifted past closed days, charged valued the notice date with idempotency keys <c>{keyPrefix}:{期別}</c>.
    /// </summary>
    internal static async Task<(long AssessmentId, List<OrdinaryInstallment> Installments)> SwitchToOrdinaryAsync(ChoshuDbContext db, long taxpayerId, int fiscalYear,
        string noticeNo, long remaining, DateOnly noticeDate, string keyPrefix, string comment, string actor, DateTime now, CancellationToken ct)
    {
        var calendar = await ReferenceData.LoadCalendarAsync(db, ct);
        var plan = OrdinarySwitch.Plan(remaining, fiscalYear, noticeDate);
        var a = new Assessment
        {
            TaxpayerId = taxpayerId, TaxKindCode = TaxKindCodes.InhabitantTax, FiscalYear = fiscalYear, LiabilityYear = fiscalYear,
            NoticeNo = noticeNo, CreatedAtUtc = now,
        };
        var ordinary = new List<OrdinaryInstallment>();
        short period = 0;
        foreach (var (nominal, amount) in plan)
        {
            var due = calendar.EffectiveDueDate(nominal);
            a.Installments.Add(new Installment { Period = ++period, NominalDueDate = nominal, DueDate = due, StatutoryDueDate = due });
            ordinary.Add(new OrdinaryInstallment(period, nominal, due, amount));
        }
        db.Assessments.Add(a);
        await db.SaveChangesAsync(ct);
        foreach (var i in a.Installments)
            db.JournalEntries.Add(Entry(i.Id, JournalEntryKind.Charge, ordinary[i.Period - 1].Amount, noticeDate, OrdinaryReason, actor, now,
                $"{keyPrefix}:{i.Period}", comment));
        await db.SaveChangesAsync(ct);
        return (a.Id, ordinary);
    }

    /// <summary>The installment id of an employer's period.</summary>
    internal static async Task<long> InstallmentIdAsync(ChoshuDbContext db, int fiscalYear, string designationNo, short period, CancellationToken ct)
    {
        var noticeNo = NoticeNoOf(fiscalYear, designationNo);
        return await db.Installments.Where(i => i.Assessment!.TaxKindCode == TaxKindCode && i.Assessment.FiscalYear == fiscalYear && i.Assessment.NoticeNo == noticeNo && i.Period == period)
            .Select(i => (long?)i.Id).SingleOrDefaultAsync(ct)
            ?? throw new DomainException("withholding.installment_not_found", $"指定番号 {designationNo} の{fiscalYear}年度 第{period}期はありません（特別徴収税額が決定されていません）。");
    }

    /// <summary>Adds 税目 <see cref="TaxKindCode"/> 市民税（特別徴収） to the tax kinds when a store does not have it yet (tax kinds are data), with its 款項目.</summary>
    public static Task EnsureTaxKindAsync(ChoshuDbContext db, CancellationToken ct) =>
        EnsureTaxKindAsync(db, TaxKindCode, TaxKindName, "特別徴収|給与特別徴収|市民税（給与特別徴収）", 11, ct);

    /// <summary>
    /// Adds a withholding 税目 (11 給与, 12 年金) when the store lacks it, and its <see cref="TaxKindAccount"/> (款項目) when that is
    /// missing: withheld 市民税 is 個人市民税, so it is handed over to the accounting system under the account of 税目 01
    /// (市税 市民税 個人, 01-01-01-01 unless the city changed that row), never under 00.
    /// </summary>
    internal static async Task EnsureTaxKindAsync(ChoshuDbContext db, string code, string name, string aliases, int sortOrder, CancellationToken ct)
    {
        if (!await db.TaxKinds.AnyAsync(k => k.Code == code, ct))
        {
            db.TaxKinds.Add(new TaxKind { Code = code, Name = name, Aliases = aliases, SortOrder = sortOrder });
            await db.SaveChangesAsync(ct);
            Stores.ReferenceCache.Invalidate(db);
        }
        if (!await db.TaxKindAccounts.AnyAsync(a => a.TaxKindCode == code, ct))
        {
            var individual = await db.TaxKindAccounts.AsNoTracking().SingleOrDefaultAsync(a => a.TaxKindCode == TaxKindCodes.InhabitantTax, ct);
            db.TaxKindAccounts.Add(new TaxKindAccount
            {
                TaxKindCode = code, Fund = individual?.Fund ?? "01", Kan = individual?.Kan ?? "01", Kou = individual?.Kou ?? "01", Moku = individual?.Moku ?? "01",
                AccountName = individual?.AccountName ?? "市税 市民税 個人", LateFeeArticle = individual?.LateFeeArticle ?? "地方税法第326条",
            });
            await db.SaveChangesAsync(ct);
        }
    }

    /// <summary>"2026年10月分" for month 5 of 2026.</summary>
    public static string MonthName(int fiscalYear, int monthNo)
    {
        var (y, m) = WithholdingSchedule.CalendarMonth(fiscalYear, monthNo);
        return string.Create(CultureInfo.InvariantCulture, $"{y}年{m}月分");
    }

    internal static async Task<WithholdingEmployer> EmployerAsync(ChoshuDbContext db, string designationNo, CancellationToken ct) =>
        await db.WithholdingEmployers.SingleOrDefaultAsync(e => e.DesignationNo == designationNo, ct)
        ?? throw new DomainException("withholding.employer_not_found", $"指定番号 {designationNo} の特別徴収義務者は登録されていません。");

    internal static async Task<Dictionary<string, long>> TaxpayerIdsAsync(ChoshuDbContext db, IEnumerable<string> numbers, CancellationToken ct)
    {
        var wanted = numbers.Distinct().ToList();
        var found = await db.Taxpayers.AsNoTracking().Where(t => wanted.Contains(t.TaxpayerNo)).ToDictionaryAsync(t => t.TaxpayerNo, t => t.Id, ct);
        var missing = wanted.FirstOrDefault(n => !found.ContainsKey(n));
        if (missing is not null) throw new DomainException("withholding.taxpayer_not_found", $"宛名番号 {missing} は登録されていません。");
        return found;
    }

    private static WithholdingAssignment Assignment(long employerId, int fiscalYear, long taxpayerId, string recipientNo, short firstMonth, long[] months, DateTime now, string actor) => new()
    {
        EmployerId = employerId, FiscalYear = fiscalYear, EmployeeTaxpayerId = taxpayerId, RecipientNo = recipientNo,
        FirstMonth = firstMonth, LastMonth = WithholdingSchedule.Months, CreatedAtUtc = now, CreatedBy = actor,
        MonthAmounts = Enumerable.Range(1, WithholdingSchedule.Months).Select(m => new WithholdingMonthAmount { MonthNo = (short)m, Amount = months[m - 1] }).ToList(),
    };

    internal static JournalEntry Entry(long installmentId, JournalEntryKind kind, long amount, DateOnly valueDate, string reason, string actor, DateTime now, string key, string comment) => new()
    {
        InstallmentId = installmentId, Kind = kind, Component = LedgerComponent.Principal, Amount = amount, ValueDate = valueDate,
        RecordedAtUtc = now, Actor = actor, ReasonCode = reason, IdempotencyKey = key, Comment = comment,
    };

    private async Task DemandAsync(Actor actor, string what, CancellationToken ct)
    {
        await using var db = store.CreateContext();
        await AccessControl.DemandAsync(db, actor, Permission.RecordPayments, clock, what: what, ct: ct);
    }

    private static void CheckDesignationNo(string designationNo)
    {
        if (string.IsNullOrEmpty(designationNo) || designationNo.Length > 12 || !designationNo.All(char.IsAsciiDigit))
            throw new DomainException("withholding.designation_invalid", $"指定番号は12桁以内の数字で指定してください（{designationNo}）。");
    }

    private static void CheckEmployee(WithholdingEmployeeInput e)
    {
        if (string.IsNullOrWhiteSpace(e.RecipientNo) || e.RecipientNo.Length > 20)
            throw new DomainException("withholding.recipient_invalid", $"受給者番号は20文字以内で指定してください（{e.RecipientNo}）。");
        if (e.Amount < 0)
            throw new DomainException("withholding.amount_negative", $"受給者番号 {e.RecipientNo} の特別徴収税額が負です。");
    }
}
