using Choshu.App.Notices;
using Choshu.Data;
using Choshu.App.Security;
using Choshu.App.Tests.Reconciliation;
using Choshu.App.Withholding;
using Choshu.Data.Taxpayers;
using Choshu.Domain.Taxpayers;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Tests.Withholding;

/// <summary>
/// 特別徴収 (給与): employers as payers of their monthly installments, with each employee's withheld amount beside them.
/// Today is 2026-11-26 (<see cref="ReconciliationFixture"/>). Fiscal year 2026, determined 2026-05-15.
///
/// Employer 900001 株式会社桜島運輸 (monthly), three employees:
///   A001 (1000000011) 123,400 a year: 123,400 / 12 = 10,283 → 10,200 a month, June 123,400 − 11 × 10,200 = 11,200;
///   A002 (1000000012)  60,000 a year: 5,000 every month;
///   A003 (1000000013)  98,700 a year: 98,700 / 12 = 8,225 → 8,200, June 98,700 − 11 × 8,200 = 8,500.
///   Installment 1 (6月分) 11,200 + 5,000 + 8,500 = 24,700 due 2026-07-10 (Fri); every other month 10,200 + 5,000 + 8,200 = 23,400;
///   4 (9月分) due 2026-10-10 (Sat) → 10-11 (Sun) → 10-12 (スポーツの日) → 2026-10-13; 8 (1月分) due 2027-02-10. Year 282,100.
/// Employer 900002 有限会社城山商店 (monthly), one employee B001 (1000000021) 2,400,000 a year: 200,000 every month.
/// Employer 900003 合同会社天文館 (納期の特例), one employee C001 (1000000031) 50,000 a year: 50,000 / 12 = 4,166 → 4,100,
///   June 50,000 − 11 × 4,100 = 4,900; installment 1 (6月〜11月分) 4,900 + 5 × 4,100 = 25,400 due 2026-12-10,
///   installment 2 (12月〜5月分) 6 × 4,100 = 24,600 due 2027-06-10.
/// </summary>
public sealed class WithholdingTests
{
    private static readonly Actor Staff = Actor.SystemAs("test", "host");

    private static async Task<ReconciliationFixture> CityAsync(StoreProvider provider)
    {
        var f = await ReconciliationFixture.CreateAsync(provider);
        await using (var db = f.Open())
        {
            Corporation(db, "2000000001", "株式会社桜島運輸", "3340001000014");
            Corporation(db, "2000000002", "有限会社城山商店", null);
            Corporation(db, "2000000003", "合同会社天文館", null);
            await db.SaveChangesAsync();
            foreach (var no in new[] { "1000000011", "1000000012", "1000000013", "1000000021", "1000000031" })
                await LedgerSeed.TaxpayerAsync(db, no, "従業員 " + no[^2..]);
        }
        var employers = new Employers(f.Store.Store, f.Clock);
        var notice = new DateOnly(2026, 5, 15);
        await employers.RegisterAsync(Staff, "2000000001", "900001", specialSchedule: false);
        await employers.RegisterAsync(Staff, "2000000002", "900002", specialSchedule: false);
        await employers.RegisterAsync(Staff, "2000000003", "900003", specialSchedule: true);
        await employers.DetermineAsync(Staff, "900001", 2026, notice,
            [new("1000000011", "A001", 123_400), new("1000000012", "A002", 60_000), new("1000000013", "A003", 98_700)]);
        await employers.DetermineAsync(Staff, "900002", 2026, notice, [new("1000000021", "B001", 2_400_000)]);
        await employers.DetermineAsync(Staff, "900003", 2026, notice, [new("1000000031", "C001", 50_000)]);
        return f;
    }

    private static void Corporation(Data.ChoshuDbContext db, string no, string name, string? corporateNumber) =>
        db.Taxpayers.Add(new Taxpayer
        {
            TaxpayerNo = no, CorporateNumber = corporateNumber,
            Facts = new TaxpayerFacts
            {
                PersonKind = PersonKind.Corporation, NameKanji = name, NameKana = "カイシャ", PostalCode = "8920816", TownName = "鹿児島県鹿児島市山下町",
                StreetNumber = "11-1", RepresentativeTitle = "代表取締役", RepresentativeName = "鹿児島 一郎",
            },
            HistorySeq = 1, EffectiveDate = new DateOnly(2020, 4, 1), CreatedAtUtc = LedgerSeed.NowUtc, UpdatedAtUtc = LedgerSeed.NowUtc,
        });

    private static Task<EmployerPage> PageAsync(ReconciliationFixture f, string designationNo) =>
        new EmployerQueries(f.Store.Store, f.Clock).LoadAsync(Staff, designationNo, 2026);

    // The determination: each employer's installments, due dates (10th of the next month, holiday-shifted; 納期の特例 twice a
    // year) and charges are the sums written out in the class summary.
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task Determine_MonthlyAndSpecialSchedule_InstallmentsDueDatesAndCharges(StoreProvider provider)
    {
        await using var f = await CityAsync(provider);
        var p = await PageAsync(f, "900001");
        Assert.Equal(12, p.Installments.Count);
        Assert.Equal((new DateOnly(2026, 7, 10), 24_700L), (p.Installments[0].DueDate, p.Installments[0].Charged));
        Assert.Equal((new DateOnly(2026, 10, 13), 23_400L), (p.Installments[3].DueDate, p.Installments[3].Charged));
        Assert.Equal((new DateOnly(2027, 2, 10), 23_400L), (p.Installments[7].DueDate, p.Installments[7].Charged));
        Assert.Equal((new DateOnly(2027, 6, 10), 23_400L), (p.Installments[11].DueDate, p.Installments[11].Charged));
        Assert.Equal(282_100L, p.Installments.Sum(i => i.Charged));
        Assert.Equal([11_200L, 10_200, 10_200, 10_200, 10_200, 10_200, 10_200, 10_200, 10_200, 10_200, 10_200, 10_200], p.Employees.Single(e => e.RecipientNo == "A001").Months);
        Assert.Equal("3340001000014", p.CorporateNumber);

        var s = await PageAsync(f, "900003");
        Assert.Equal([(1, new DateOnly(2026, 12, 10), 25_400L), (2, new DateOnly(2027, 6, 10), 24_600L)],
            s.Installments.Select(i => ((int)i.Period, i.DueDate, i.Charged)).ToList());
    }

    // 900001 pays 6月分 24,700 on 2026-07-09 with its breakdown A001 11,200, A002 5,000, A003 8,500: booked to the employer's
    // installment 1 (balance 0) and to each employee's withheld amount. The 7月分 payment names A009, who is not an employee
    // (quarantined whole: its H line and its other D lines held); another payment has 納付日 20260231 (quarantined). Running the
    // file again books nothing twice.
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task Import_MonthWithBreakdown_BookedToEmployerAndEachEmployee_BadLinesQuarantined_RerunBooksNothing(StoreProvider provider)
    {
        await using var f = await CityAsync(provider);
        var path = f.Write([
            "H,ELT-0001,900001,202606,20260709,20260710,24700",
            "D,ELT-0001,A001,11200",
            "D,ELT-0001,A002,5000",
            "D,ELT-0001,A003,8500",
            "H,ELT-0002,900001,202607,20260810,20260811,23400",
            "D,ELT-0002,A001,10200",
            "D,ELT-0002,A002,5000",
            "D,ELT-0002,A009,8200",
            "H,ELT-0003,900001,202608,20260231,20260911,23400",
            "D,ELT-0003,A001,23400",
        ], "tokucho.csv");
        var import = new EmployerPaymentImport(f.Store.Store, f.Clock);

        var first = await import.RunAsync(Staff, path);
        Assert.Equal((10, 2, 1, 24_700L, 0, 6), (first.LinesRead, first.Remittances, first.Booked, first.BookedAmount, first.Duplicate, first.QuarantinedLines));
        Assert.Contains(first.Errors, e => e.Line == 8 && e.Field == "受給者番号" && e.Reason == "tokucho.csv 8行目 受給者番号: 指定番号 900001 の2026年度に受給者番号 A009 の特別徴収対象者はいません。");
        Assert.Contains(first.Errors, e => e.Line == 9 && e.Field == "納付日");

        var page = await PageAsync(f, "900001");
        Assert.Equal((24_700L, 24_700L, 0L), (page.Installments[0].Charged, page.Installments[0].Paid, page.Installments[0].Balance));
        Assert.Equal((23_400L, 0L), (page.Installments[1].Charged, page.Installments[1].Paid));
        Assert.Equal([("A001", 11_200L), ("A002", 5_000L), ("A003", 8_500L)], page.Employees.Select(e => (e.RecipientNo, e.Paid)).ToList());
        var payment = Assert.Single(page.Payments);
        Assert.Equal((1, new DateOnly(2026, 7, 9), 24_700L, 3), ((int)payment.Period, payment.PaidOn, payment.Amount, payment.Employees));

        var again = await import.RunAsync(Staff, path);
        Assert.Equal((0, 1, 0L), (again.Booked, again.Duplicate, again.BookedAmount));
        await using var db = f.Open();
        Assert.Equal(3, await db.WithholdingRemittanceLines.CountAsync());
        Assert.Equal(1, await db.Payments.CountAsync());
        Assert.Equal(6, await db.QuarantinedRecords.CountAsync());

        // 税目 11 has its 款項目 (added with the tax kind): the day's accounting line is 市税 市民税 個人, not account 00.
        var july = await Choshu.App.Books.AccountingHandovers.ComputeAsync(db, new DateOnly(2026, 7, 10));
        Assert.Equal([("01", "01", "01", "01", "市税 市民税 個人", 2026, 1, 24_700L)],
            july.Select(l => (l.Fund, l.Kan, l.Kou, l.Moku, l.AccountName, l.FiscalYear, l.ReceivedCount, l.Received)).ToList());
    }

    // 900002's 6月分 200,000 (due 2026-07-10) is paid on 2026-09-18. Late fee on its own installment (地方税法321条の8 by the
    // existing rule, 2026 rates 2.8% / 9.1%): 2026-07-11..08-10 31 days at 2.8%: 200,000 × 2.8% × 31 / 365 = 475.6;
    // 08-11..09-18 39 days at 9.1%: 200,000 × 9.1% × 39 / 365 = 1,944.6; together 2,420 → 2,400 (100-yen floor). The payment pays
    // the principal; the late fee 2,400 is charged and owed by the employer. Its unpaid 7月分 (due 2026-08-10) is in the
    // reminder run addressed to the employer, not to its employee.
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task LateEmployer_LateFeeOnItsOwnInstallment_ReminderToTheEmployer(StoreProvider provider)
    {
        await using var f = await CityAsync(provider);
        var path = f.Write(["H,ELT-0101,900002,202606,20260918,20260918,200000", "D,ELT-0101,B001,200000"], "late.csv");
        var s = await new EmployerPaymentImport(f.Store.Store, f.Clock).RunAsync(Staff, path);
        Assert.Equal(1, s.Booked);

        var page = await PageAsync(f, "900002");
        var june = page.Installments[0];
        var ledger = await f.LedgerAsync(june.InstallmentId);
        Assert.Equal((0L, 2_400L, 2_400L), (ledger.PrincipalBalance, ledger.LateFeeCharged, ledger.LateFeeBalance));
        Assert.Equal(200_000L, Assert.Single(page.Employees).Paid);

        await using var db = f.Open();
        var plan = await ReminderSelection.PlanAsync(db, new ReminderRequest(new DateOnly(2026, 11, 26)));
        var employer = await db.Taxpayers.SingleAsync(t => t.TaxpayerNo == "2000000002");
        var items = plan.Letters.Where(l => l.Addressee.Taxpayer.TaxpayerId == employer.Id).SelectMany(l => l.Items).ToList();
        Assert.Contains(items, i => i.Installment.NoticeNo == "202611900002" && i.Installment.Period == 2 && i.Principal == 200_000);
        Assert.All(items, i => Assert.Equal(employer.Id, i.Installment.TaxpayerId));
        var employee = await db.Taxpayers.SingleAsync(t => t.TaxpayerNo == "1000000021");
        Assert.DoesNotContain(plan.Letters, l => l.Items.Any(i => i.Installment.TaxpayerId == employee.Id));
    }

    // 異動届: A001 leaves 900001 on 2026-10-15, withheld through 10月分 (month 5). The rest, 11月〜5月分 7 × 10,200 = 71,400, is
    // switched to 普通徴収 noticed 2026-10-20: the 納期 at least 10 days after the notice are 2026-10-31 (Sat → Sun → 2026-11-02)
    // and 2027-01-31 (Sun → 2027-02-01); 71,400 / 2 = 35,700 → 35,000, the first 71,400 − 35,000 = 36,400. 900001's 11月〜5月分
    // installments fall from 23,400 to 13,200 (the year 282,100 − 71,400 = 210,700); 10月分 stays 23,400.
    // A002 moves from 900001 to 900003 after 9月分: 900001 loses 5,000 in 10月〜5月分 (10月分 18,400, later 8,200); 900003
    // (納期の特例) gains 10月・11月分 10,000 in installment 1 (35,400) and 12月〜5月分 30,000 in installment 2 (54,600).
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task Leave_InOctober_SwitchedToOrdinaryWithRemainingAmountAndNewDueDates_MoveAmendsBothEmployers(StoreProvider provider)
    {
        await using var f = await CityAsync(provider);
        var employers = new Employers(f.Store.Store, f.Clock);
        var r = await employers.LeaveAsync(Staff, "900001", 2026, "A001", new DateOnly(2026, 10, 15), 5, LeaveMode.Ordinary, new DateOnly(2026, 10, 20));
        Assert.Equal(71_400L, r.Remaining);
        Assert.Equal("202601900000001", r.OrdinaryNoticeNo);
        Assert.Equal([new OrdinaryInstallment(1, new DateOnly(2026, 10, 31), new DateOnly(2026, 11, 2), 36_400), new OrdinaryInstallment(2, new DateOnly(2027, 1, 31), new DateOnly(2027, 2, 1), 35_000)],
            r.Ordinary);

        await using (var db = f.Open())
        {
            var employee = await db.Taxpayers.SingleAsync(t => t.TaxpayerNo == "1000000011");
            var ordinary = await db.Installments.Where(i => i.Assessment!.TaxpayerId == employee.Id && i.Assessment.TaxKindCode == "01").OrderBy(i => i.Period).ToListAsync();
            Assert.Equal([new DateOnly(2026, 11, 2), new DateOnly(2027, 2, 1)], ordinary.Select(i => i.DueDate).ToList());
            Assert.Equal(36_400L, (await f.LedgerAsync(ordinary[0].Id)).PrincipalBalance);
            Assert.Equal(35_000L, (await f.LedgerAsync(ordinary[1].Id)).PrincipalBalance);
        }
        var page = await PageAsync(f, "900001");
        Assert.Equal(23_400L, page.Installments[4].Charged);
        Assert.All(page.Installments.Skip(5), i => Assert.Equal(13_200L, i.Charged));
        Assert.Equal(210_700L, page.Installments.Sum(i => i.Charged));
        var a001 = page.Employees.Single(e => e.RecipientNo == "A001");
        Assert.Equal((52_000L, (short)5, "202601900000001"), (a001.Withheld, a001.LastMonth, a001.OrdinaryNoticeNo));

        await employers.MoveAsync(Staff, "900001", 2026, "A002", "900003", "C002", new DateOnly(2026, 9, 30), 4);
        page = await PageAsync(f, "900001");
        Assert.Equal(18_400L, page.Installments[4].Charged);
        Assert.All(page.Installments.Skip(5), i => Assert.Equal(8_200L, i.Charged));
        var special = await PageAsync(f, "900003");
        Assert.Equal([35_400L, 54_600L], special.Installments.Select(i => i.Charged).ToList());
        Assert.Equal(40_000L, special.Employees.Single(e => e.RecipientNo == "C002").Withheld);
    }
}
