using System.Text;
using Choshu.App.Books;
using Choshu.Data;
using Choshu.App.Security;
using Choshu.App.Tests.Reconciliation;
using Choshu.App.Withholding;
using Choshu.Data.Taxpayers;
using Choshu.Domain;
using Choshu.Domain.Taxpayers;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Tests.Withholding;

/// <summary>
/// 公的年金からの特別徴収: a 年金保険者 as payer of its six monthly installments, each pensioner's amounts beside them.
/// Today is 2026-11-26 (<see cref="ReconciliationFixture"/>). Fiscal year 2026, requested 2026-01-20 (the 依頼 goes out before April).
///
/// Payer 001 日本年金機構 (3000000001), three pensioners:
///   P1 1234567890-1150 (1000000041) 年税額 61,000 仮徴収 30,000: 10,000 / 10,000 / 10,000 | 10,400 / 10,300 / 10,300;
///   P2 2345678901-1150 (1000000042) 年税額 45,500 仮徴収 20,300:  6,900 /  6,700 /  6,700 |  8,400 /  8,400 /  8,400;
///   P3 3456789012-1150 (1000000043) 年税額 36,000 仮徴収 18,000:  6,000 each month.
///   Installments: 4月 22,900 due 2026-05-10 (Sun) → 05-11; 6月 22,700 due 07-10; 8月 22,700 due 09-10; 10月 24,800 due 11-10;
///   12月 24,700 due 2027-01-10; 2月 24,700 due 2027-03-10. Year 142,500.
/// </summary>
public sealed class PensionWithholdingTests
{
    private static readonly Actor Staff = Actor.SystemAs("test", "host");
    private static readonly DateOnly Notice = new(2026, 1, 20);
    private const string P1 = "1234567890-1150", P2 = "2345678901-1150", P3 = "3456789012-1150";

    private static async Task<(ReconciliationFixture F, PensionRequestResult Request)> CityAsync(StoreProvider provider)
    {
        var f = await ReconciliationFixture.CreateAsync(provider);
        await using (var db = f.Open())
        {
            db.Taxpayers.Add(new Taxpayer
            {
                TaxpayerNo = "3000000001",
                Facts = new TaxpayerFacts
                {
                    PersonKind = PersonKind.Corporation, NameKanji = "日本年金機構", NameKana = "ニホンネンキンキコウ", PostalCode = "1688505", TownName = "東京都杉並区高井戸西",
                    StreetNumber = "3-5-24", RepresentativeTitle = "理事長", RepresentativeName = "年金 太郎",
                },
                HistorySeq = 1, EffectiveDate = new DateOnly(2020, 4, 1), CreatedAtUtc = LedgerSeed.NowUtc, UpdatedAtUtc = LedgerSeed.NowUtc,
            });
            await db.SaveChangesAsync();
            foreach (var no in new[] { "1000000041", "1000000042", "1000000043" })
                await LedgerSeed.TaxpayerAsync(db, no, "受給者 " + no[^2..]);
        }
        var service = new PensionWithholdings(f.Store.Store, f.Clock);
        await service.RegisterPayerAsync(Staff, "3000000001", "001");
        var request = await service.RequestAsync(Staff, "001", 2026, Notice, "462012",
            [new("1000000041", P1, 61_000, 30_000), new("1000000042", P2, 45_500, 20_300), new("1000000043", P3, 36_000, 18_000)]);
        return (f, request);
    }

    private static Task<PensionPayerPage> PageAsync(ReconciliationFixture f) => new PensionQueries(f.Store.Store, f.Clock).LoadPayerAsync(Staff, "001", 2026);

    // The request: the payer's six installments (due the 10th of the next month, holiday-shifted), charged the sums in the class
    // summary, and the request file with each pensioner's split.
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task Request_PayerInstallmentsAndChargesPerMonth_RequestFileLines(StoreProvider provider)
    {
        var (f, request) = await CityAsync(provider);
        await using var _f = f;
        var p = await PageAsync(f);
        Assert.Equal("202612001", p.NoticeNo);
        Assert.Equal([22_900L, 22_700, 22_700, 24_800, 24_700, 24_700], p.Installments.Select(i => i.Charged).ToList());
        Assert.Equal(142_500L, p.Installments.Sum(i => i.Charged));
        Assert.Equal([new DateOnly(2026, 5, 11), new DateOnly(2026, 7, 10), new DateOnly(2026, 9, 10), new DateOnly(2026, 11, 10)],
            p.Installments.Take(4).Select(i => i.DueDate).ToList());
        Assert.Equal(new DateOnly(2027, 3, 10), p.Installments[5].DueDate);
        Assert.Equal([10_000L, 10_000, 10_000, 10_400, 10_300, 10_300], p.Pensioners.Single(x => x.PensionNo == P1).Months);

        var lines = Encoding.UTF8.GetString(request.File).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal([
            "H,20260120,462012,001,2026,3,142500",
            $"D,{P1},カゴシマ ハナコ,19800401,61000,30000,31000,10000,10000,10000,10400,10300,10300",
            $"D,{P2},カゴシマ ハナコ,19800401,45500,20300,25200,6900,6700,6700,8400,8400,8400",
            $"D,{P3},カゴシマ ハナコ,19800401,36000,18000,18000,6000,6000,6000,6000,6000,6000",
        ], lines);

        await using var db = f.Open();
        var account = await db.TaxKindAccounts.SingleAsync(a => a.TaxKindCode == PensionWithholdings.TaxKindCode);
        Assert.Equal(("01", "01", "01", "01", "市税 市民税 個人"), (account.Fund, account.Kan, account.Kou, account.Moku, account.AccountName));
    }

    // The payer's August 納入 22,700 (P1 10,000, P2 6,700, P3 6,000) and October 納入 18,800 (P1 10,400, P2 8,400; P3 died,
    // 徴収額 0 未徴収理由 1) are booked to the payer's installments and to each pensioner. P3 is stopped from October: his
    // 10月・12月・2月 6,000 × 3 = 18,000 come off the payer's installments (10月 24,800 → 18,800, paid in full; 12月 and 2月
    // 24,700 → 18,700) and become an ordinary assessment noticed 2026-11-26: the only ordinary 納期 at least 10 days later is
    // 2027-01-31 (Sun) → 2027-02-01, 18,000 in one installment. A 納入 naming an unknown 年金番号 and one for November (not a
    // pension month) are quarantined whole, and so is the June 納入 that withheld 6,600 from P2 instead of the 6,700 requested.
    // Running the file again applies nothing twice. The accounting file books both days
    // under 市税 市民税 個人 (01-01-01-01), not 00.
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task Import_PayerFileBookedPerPensioner_DeathStopsAndSwitchesToOrdinary_BadLinesQuarantined_RerunAppliesNothingTwice(StoreProvider provider)
    {
        var (f, _) = await CityAsync(provider);
        await using var _f = f;
        var path = f.Write([
            "H,NK-0801,001,202608,20260910,20260910,22700",
            $"D,NK-0801,{P1},10000,",
            $"D,NK-0801,{P2},6700,",
            $"D,NK-0801,{P3},6000,",
            "H,NK-1001,001,202610,20261110,20261110,18800",
            $"D,NK-1001,{P1},10400,",
            $"D,NK-1001,{P2},8400,",
            $"D,NK-1001,{P3},0,1",
            "H,NK-1002,001,202610,20261110,20261110,5000",
            "D,NK-1002,9999999999-1150,5000,",
            "H,NK-1101,001,202611,20261110,20261110,100",
            $"D,NK-1101,{P1},100,",
            "H,NK-0601,001,202606,20260710,20260710,22600",
            $"D,NK-0601,{P1},10000,",
            $"D,NK-0601,{P2},6600,",
            $"D,NK-0601,{P3},6000,",
        ], "nenkin-kekka.csv");
        var import = new PensionResultImport(f.Store.Store, f.Clock);
        var today = new DateOnly(2026, 11, 26);

        var first = await import.RunAsync(Staff, path, today);
        Assert.Equal((16, 4, 2, 41_500L, 0, 1, 18_000L, 8), (first.LinesRead, first.Remittances, first.Booked, first.BookedAmount, first.Duplicate, first.Stopped, first.SwitchedToOrdinary, first.QuarantinedLines));
        Assert.Contains(first.Errors, e => e.Line == 10 && e.Field == "年金番号" && e.Reason == "nenkin-kekka.csv 10行目 年金番号: 特別徴収義務者コード 001 の2026年度に年金番号 9999999999-1150 の対象者はいません。");
        Assert.Contains(first.Errors, e => e.Line == 11 && e.Field == "徴収年月" && e.Reason == "nenkin-kekka.csv 11行目 徴収年月: 徴収年月 202611 は年金の支払月（偶数月）ではありません。");

        Assert.Contains(first.Errors, e => e.Line == 15 && e.Field == "徴収額" && e.Reason == "nenkin-kekka.csv 15行目 徴収額: 年金番号 2345678901-1150 の徴収額 6600円 が依頼した2026年6月分の額 6700円 と違います。");

        var page = await PageAsync(f);
        Assert.Equal([22_900L, 22_700, 22_700, 18_800, 18_700, 18_700], page.Installments.Select(i => i.Charged).ToList());
        Assert.Equal((22_700L, 0L), (page.Installments[2].Paid, page.Installments[2].Balance));
        Assert.Equal((18_800L, 0L), (page.Installments[3].Paid, page.Installments[3].Balance));
        Assert.Equal([(P1, 20_400L), (P2, 15_100L), (P3, 6_000L)], page.Pensioners.Select(x => (x.PensionNo, x.Paid)).ToList());
        var p3 = page.Pensioners.Single(x => x.PensionNo == P3);
        Assert.Equal([6_000L, 6_000, 6_000, 0, 0, 0], p3.Months);
        Assert.Equal(((short)3, "停止（死亡、2026-11-10、2026年8月まで）", "202602900000003"), (p3.LastMonth, p3.State, p3.OrdinaryNoticeNo));

        await using (var db = f.Open())
        {
            var who = await db.Taxpayers.SingleAsync(t => t.TaxpayerNo == "1000000043");
            var ordinary = await db.Installments.Where(i => i.Assessment!.TaxpayerId == who.Id && i.Assessment.TaxKindCode == "01").ToListAsync();
            var only = Assert.Single(ordinary);
            Assert.Equal((new DateOnly(2027, 1, 31), new DateOnly(2027, 2, 1)), (only.NominalDueDate, only.DueDate));
            Assert.Equal(18_000L, (await f.LedgerAsync(only.Id)).PrincipalBalance);

            var september = await AccountingHandovers.ComputeAsync(db, new DateOnly(2026, 9, 10));
            Assert.Equal([("01", "01", "01", "01", "市税 市民税 個人", 2026, 1, 22_700L)],
                september.Select(l => (l.Fund, l.Kan, l.Kou, l.Moku, l.AccountName, l.FiscalYear, l.ReceivedCount, l.Received)).ToList());
        }

        // A hand stop of P2 back to August is refused: October is already paid in for P2.
        var ex = await Assert.ThrowsAsync<DomainException>(() => new PensionWithholdings(f.Store.Store, f.Clock).StopAsync(Staff, "001", 2026, P2, 3, today, 2, today));
        Assert.Equal("年金番号 2345678901-1150 は2026年10月分がすでに納入されています。最終徴収月をそれ以後にしてください。", ex.Message);

        var again = await import.RunAsync(Staff, path, today);
        Assert.Equal((0, 2, 0L, 0), (again.Booked, again.Duplicate, again.BookedAmount, again.Stopped));
        await using var check = f.Open();
        Assert.Equal(5, await check.PensionRemittanceLines.CountAsync());
        Assert.Equal(2, await check.Payments.CountAsync());
        Assert.Equal(8, await check.QuarantinedRecords.CountAsync());
        Assert.Equal(1, await check.Assessments.CountAsync(a => a.TaxKindCode == "01"));
    }

    // P1's pension stops by hand (支給停止 reported 2026-11-20) after the October payment: 12月 10,300 and 2月 10,300 = 20,600
    // come off the payer's installments (12月 24,700 → 14,400, 2月 → 14,400) and become an ordinary assessment noticed
    // 2026-11-26: 2027-01-31 (Sun) → 2027-02-01, 20,600. A second stop is refused.
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task Stop_ByHand_RemainderSwitchedToOrdinaryWithDueDateAndAmount(StoreProvider provider)
    {
        var (f, _) = await CityAsync(provider);
        await using var _f = f;
        var service = new PensionWithholdings(f.Store.Store, f.Clock);
        var r = await service.StopAsync(Staff, "001", 2026, P1, 4, new DateOnly(2026, 11, 20), 2, new DateOnly(2026, 11, 26));
        Assert.Equal(20_600L, r.Remaining);
        Assert.Equal("202602900000001", r.OrdinaryNoticeNo);
        Assert.Equal([new OrdinaryInstallment(1, new DateOnly(2027, 1, 31), new DateOnly(2027, 2, 1), 20_600)], r.Ordinary);

        var page = await PageAsync(f);
        Assert.Equal([22_900L, 22_700, 22_700, 24_800, 14_400, 14_400], page.Installments.Select(i => i.Charged).ToList());
        var p1 = page.Pensioners.Single(x => x.PensionNo == P1);
        Assert.Equal((40_400L, "停止（支給停止、2026-11-20、2026年10月まで）"), (p1.Withheld, p1.State));

        var ex = await Assert.ThrowsAsync<DomainException>(() => service.StopAsync(Staff, "001", 2026, P1, 4, new DateOnly(2026, 11, 20), 2, new DateOnly(2026, 11, 26)));
        Assert.Equal("年金番号 1234567890-1150 の年金特別徴収は 2026-11-20 に停止しています。", ex.Message);
        await using var db = f.Open();
        var taxpayer = await db.Taxpayers.SingleAsync(t => t.TaxpayerNo == "1000000041");
        var rows = await PensionQueries.ForPensionerAsync(db, taxpayer.Id);
        Assert.Equal("202602900000001", Assert.Single(rows).OrdinaryNoticeNo);
    }
}
