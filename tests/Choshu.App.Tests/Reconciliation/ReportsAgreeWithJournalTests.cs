using System.Data.Common;
using System.Globalization;
using Choshu.App.Reports;
using Choshu.Data;
using Choshu.Domain.Assessments;
using Choshu.Domain.Reconciliation;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using static Choshu.TestSupport.PaymentFiles;

namespace Choshu.App.Tests.Reconciliation;

/// <summary>
/// 調定収納集計 and 収納日計表 agree with the journal to the yen, after a mixed scenario of channels, a
/// partial payment, late fees made final, a double payment, and after a reversal with re-booking.
/// Figures are checked twice: against the hand computation below, and against sums taken by plain SQL
/// over journal_entries and payments.
///
/// One taxpayer, today 2026-11-26:
///   I1 市民税 2026 period 1      50,000 due 2026-06-30, reminder fee 100 (charged 2026-07-20)
///   I2 市民税 2026 period 2      50,000 due 2026-08-31
///   I3 固定資産税 2025 period 2 100,000 due 2025-07-31 (arrears in FY2026)
///   I4 固定資産税 2026 period 1  80,000 due 2026-04-30
/// Payments, in import order:
///   eltax  I2 50,000 paid 2026-08-31, received 2026-09-02 — on time.
///   store  確報 I3 70,000 paid 2026-11-08, received 2026-11-10 — partial, 30,000 left.
///   bank, all paid 2026-11-09 and received 2026-11-10:
///     L2 I1 50,100: principal 50,000; final late fee 2026-07-01..07-31 31 days 2.8% on 50,000 = 118.9 → 118,
///        08-01..11-09 101 days 9.1% = 50,000×0.091×101/365 = 1,259.0 → 1,259; 1,377 → 1,300 charged;
///        then reminder fee 100; nothing left for the late fee.
///     L3 I3 35,000: principal 30,000 completes it; final late fee
///        2025-08-01..08-31 31 days 2.4% on 100,000 = 203; 2025-09-01..12-31 122 days 8.7% = 2,907;
///        2026-01-01..11-08 312 days 9.1% on 100,000 = 7,778.6 → 7,778; 11-09 1 day 9.1% on 30,000 = 7.4 → 7;
///        10,895 → 10,800 charged; 5,000 paid to it.
///     L4 I4 80,500: principal 80,000; final late fee 2026-05-01..05-31 31 days 2.8% on 80,000 = 190.2 → 190,
///        06-01..11-09 162 days 9.1% = 80,000×0.091×162/365 = 3,231.1 → 3,231; 3,421 → 3,400 charged; 500 paid to it.
///     L5 I2 50,000 again: DoublePayment overpayment 50,000.
/// Then the store payment is reversed: L3 (paid later on I3) is reversed and booked again — without the
/// 70,000 the principal is not complete, so all 35,000 go to principal and the 10,800 late-fee charge is gone.
/// </summary>
public sealed class ReportsAgreeWithJournalTests
{
    private static readonly DateOnly Nov09 = new(2026, 11, 9);
    private static readonly DateOnly Nov10 = new(2026, 11, 10);

    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task Reports_MixedScenarioThenReversal_AgreeWithJournalToTheYen(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var taxpayer = await f.TaxpayerAsync();
        var a1 = await f.AssessmentAsync(taxpayer, TaxKindCodes.InhabitantTax, 2026, "2026010001",
            new LedgerSeed.Inst(1, new DateOnly(2026, 6, 30), 50_000), new LedgerSeed.Inst(2, new DateOnly(2026, 8, 31), 50_000));
        var i3 = (await f.AssessmentAsync(taxpayer, TaxKindCodes.FixedAssetTax, 2025, "2025020001", new LedgerSeed.Inst(2, new DateOnly(2025, 7, 31), 100_000)))[0];
        var i4 = (await f.AssessmentAsync(taxpayer, TaxKindCodes.FixedAssetTax, 2026, "2026020001", new LedgerSeed.Inst(1, new DateOnly(2026, 4, 30), 80_000)))[0];
        var (i1, i2) = (a1[0], a1[1]);
        await using (var db = f.Open())
            await LedgerSeed.ReminderFeeAsync(db, i1, 100, new DateOnly(2026, 7, 20));

        await f.ImportAsync(f.Write(Eltax([new EltaxLine("EL-1", Key(i2), 50_000, new DateOnly(2026, 8, 31), new DateOnly(2026, 9, 2))]), "eltax.csv"), "eltax");
        var store = await f.ImportAsync(f.Write(Store(
            [new StoreLine('2', "R1", Barcode(i3, 70_000, new DateOnly(2026, 11, 30)), 70_000, new DateTime(2026, 11, 8, 10, 0, 0), Nov10)]), "store.csv"), "store");
        var bank = await f.ImportAsync(f.Write(Bank(
        [
            new BankLine("2", Key(i1), 50_100, Nov09, Nov10),
            new BankLine("3", Key(i3), 35_000, Nov09, Nov10),
            new BankLine("4", Key(i4), 80_500, Nov09, Nov10),
            new BankLine("5", Key(i2), 50_000, Nov09, Nov10),
        ]), "bank.csv"), "bank");
        Assert.Equal((1, 4, 1, 50_000L), (store.Booked, bank.Booked, bank.Overpaid, bank.OverpaidAmount));
        Assert.Equal((1_300L, 10_800L, 3_400L), ((await f.LedgerAsync(i1)).LateFeeCharged, (await f.LedgerAsync(i3)).LateFeeCharged, (await f.LedgerAsync(i4)).LateFeeCharged));

        // Before the reversal.
        //   01 current: assessed 100,000, collected 50,000 (I2, eltax) + 50,000 (I1) = 100,000, balance 0.
        //   02 current: assessed 80,000, collected 80,000, balance 0.
        //   02 arrears: assessed 100,000, collected 70,000 + 30,000 = 100,000, balance 0.
        await AssertCollectionAsync(f, ("01", "current", 100_000, 100_000, 0), ("02", "current", 80_000, 80_000, 0), ("02", "arrears", 100_000, 100_000, 0));
        //   received 2026-11-10: bank 01 = L2 + L5 = 100,100 (principal 50,000, reminder fee 100, overpaid 50,000);
        //   bank 02 = L3 + L4 = 115,500 (principal 30,000 + 80,000, late fee 5,000 + 500); store 02 = 70,000 principal.
        //   Total 285,600 = 230,000 + 100 + 5,500 + 50,000.
        await AssertDailyAsync(f, Nov10,
            [(PaymentChannel.Bank, "01", 2, 100_100, 50_000, 100, 0, 50_000), (PaymentChannel.Bank, "02", 2, 115_500, 110_000, 0, 5_500, 0), (PaymentChannel.Store, "02", 1, 70_000, 70_000, 0, 0, 0)],
            unmatched: []);
        await AssertDailyAsync(f, new DateOnly(2026, 9, 2), [(PaymentChannel.Eltax, "01", 1, 50_000, 50_000, 0, 0, 0)], unmatched: []);

        var storePayment = (await f.PaymentsAsync()).Single(p => p.Channel == PaymentChannel.Store).Id;
        var r = await f.Corrections().ReverseAsync(storePayment, "別の期別の納付書", CancellationToken.None);
        Assert.Single(r.Rebooked);
        Assert.Equal((65_000L, 0L), ((await f.LedgerAsync(i3)).PrincipalBalance, (await f.LedgerAsync(i3)).LateFeeCharged));

        // After: 02 arrears collected 35,000 (L3 booked again, all principal), balance 65,000.
        await AssertCollectionAsync(f, ("01", "current", 100_000, 100_000, 0), ("02", "current", 80_000, 80_000, 0), ("02", "arrears", 100_000, 35_000, 65_000));
        //   bank 02 = L3 35,000 principal + L4 80,000 principal, 500 late fee; the store payment is unmatched (70,000).
        //   Total 215,600 = 165,000 + 100 + 500 + 50,000.
        await AssertDailyAsync(f, Nov10,
            [(PaymentChannel.Bank, "01", 2, 100_100, 50_000, 100, 0, 50_000), (PaymentChannel.Bank, "02", 2, 115_500, 115_000, 0, 500, 0)],
            unmatched: [(PaymentChannel.Store, 1, 70_000)]);
    }

    private static async Task AssertCollectionAsync(ReconciliationFixture f, params (string Kind, string Bucket, long Assessed, long Collected, long Balance)[] expected)
    {
        await using var db = f.Open();
        var report = await CollectionReportQuery.LoadAsync(db, 2026, ReconciliationFixture.Today);
        Assert.Equal(expected, report.Lines.Select(l => (l.TaxKindCode, l.Bucket, l.Assessed, l.Collected, l.Balance)).ToArray());
        Assert.Equal((expected.Sum(e => e.Assessed), expected.Sum(e => e.Collected), expected.Sum(e => e.Balance)),
            (report.Total.Assessed, report.Total.Collected, report.Total.Balance));

        // The same by plain SQL over the journal's principal entries: charges and amendments carry no payment,
        // payments and their reversals do; the balance is the sum of everything.
        var sql = await QueryAsync(db,
            """
            SELECT a.tax_kind_code,
                   CASE WHEN a.fiscal_year = 2026 THEN 'current' ELSE 'arrears' END,
                   SUM(CASE WHEN j.payment_id IS NULL THEN j.amount ELSE 0 END),
                   -SUM(CASE WHEN j.payment_id IS NOT NULL THEN j.amount ELSE 0 END),
                   SUM(j.amount)
            FROM journal_entries j
            JOIN installments i ON i.id = j.installment_id
            JOIN assessments a ON a.id = i.assessment_id
            WHERE j.component = 1 AND j.value_date <= '2026-11-26' AND a.fiscal_year <= 2026
            GROUP BY a.tax_kind_code, CASE WHEN a.fiscal_year = 2026 THEN 'current' ELSE 'arrears' END
            ORDER BY 1, 2 DESC
            """);
        Assert.Equal(expected, sql.Select(x => ((string)x[0], (string)x[1], Long(x[2]), Long(x[3]), Long(x[4]))).ToArray());
    }

    private static async Task AssertDailyAsync(ReconciliationFixture f, DateOnly day,
        (PaymentChannel Channel, string Kind, int Count, long Amount, long Principal, long ReminderFee, long LateFee, long Overpaid)[] booked,
        (PaymentChannel Channel, int Count, long Amount)[] unmatched)
    {
        await using var db = f.Open();
        var report = await DailyReportQuery.LoadAsync(db, day);
        Assert.Equal(booked, report.Booked.Select(l => (l.Channel!.Value, l.TaxKindCode, l.Count, l.Amount, l.Principal, l.ReminderFee, l.LateFee, l.Overpaid)).ToArray());
        Assert.All(report.Booked, l => Assert.Equal(l.Amount, l.Principal + l.ReminderFee + l.LateFee + l.Overpaid));
        Assert.Equal(unmatched, report.Unmatched.Select(l => (l.Channel!.Value, l.Count, l.Amount)).ToArray());
        var t = report.BookedTotal;
        Assert.Equal(t.Amount, t.Principal + t.ReminderFee + t.LateFee + t.Overpaid);

        // By plain SQL: the booked payments received that day, and the money their entries moved
        // (payment entries and the reversals of payment entries), plus their live overpayments.
        var d = day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var received = Long((await QueryAsync(db, $"SELECT COALESCE(SUM(amount), 0) FROM payments WHERE status = 2 AND received_on = '{d}'"))[0][0]);
        var parts = Long((await QueryAsync(db,
            $"""
            SELECT COALESCE(-SUM(j.amount), 0)
            FROM journal_entries j
            JOIN payments p ON p.id = j.payment_id
            LEFT JOIN journal_entries r ON r.id = j.reverses_entry_id
            WHERE p.status = 2 AND p.received_on = '{d}' AND COALESCE(r.kind, j.kind) = 3 AND j.component <> 4
            """))[0][0]);
        var overpaid = Long((await QueryAsync(db,
            $"SELECT COALESCE(SUM(o.amount), 0) FROM overpayments o JOIN payments p ON p.id = o.payment_id WHERE p.status = 2 AND p.received_on = '{d}' AND o.cancelled_at_utc IS NULL"))[0][0]);
        Assert.Equal(booked.Sum(b => b.Amount), received);
        Assert.Equal(received, parts + overpaid);
        Assert.Equal((received, parts, overpaid), (t.Amount, t.Principal + t.ReminderFee + t.LateFee, t.Overpaid));
    }

    private static long Long(object o) => Convert.ToInt64(o, CultureInfo.InvariantCulture);

    private static async Task<List<object[]>> QueryAsync(ChoshuDbContext db, string sql)
    {
        var conn = db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await conn.OpenAsync();
        await using DbCommand cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        var rows = new List<object[]>();
        await using var reader = await cmd.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var row = new object[reader.FieldCount];
            reader.GetValues(row);
            rows.Add(row);
        }
        return rows;
    }
}
