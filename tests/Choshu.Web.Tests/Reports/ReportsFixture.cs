using System.Text;
using Choshu.App.Reconciliation;
using Choshu.Domain.Assessments;
using Choshu.TestSupport;
using static Choshu.TestSupport.PaymentFiles;

namespace Choshu.Web.Tests.Reports;

/// <summary>
/// The web app (<see cref="WebFixture"/>: PostgreSQL, today 2026-11-26 12:00 JST) on a small city whose
/// every amount is written here, paid through the real payment import so the reports read what booking wrote.
/// <list type="bullet">
/// <item>1000000001: 市民税 2026 notice 2026010001 period 3 due 2026-10-30 30,000 (unpaid, overdue), period 4 due
/// 2027-01-04 45,000 (bank, paid 11-18, received 11-20: 45,000); 固定資産税 2026 notice 2026020001 period 3 due 2026-12-25
/// 30,000 (bank 31,000 paid 11-18, received 11-20: principal 30,000 + overpaid 1,000); 市民税 2025 notice 2025010001
/// period 1 due 2025-06-30 20,000 (unpaid: arrears in FY2026).</item>
/// <item>1000000002: 市民税 2026 notice 2026010002 period 4 due 2027-01-04 20,000 (eLTAX paid 11-19, received 11-20);
/// 固定資産税 2026 notice 2026020002 period 4 due 2027-02-26 12,000 (convenience store 速報 paid 2026-11-20, no 確報 yet).</item>
/// <item>A bank line of 4,000 received 11-20 whose 消込番号 has a wrong check digit: unmatched.</item>
/// </list>
/// 収納日計表 2026-11-20: booked 金融機関・市民税 1 件 45,000; 金融機関・固定資産税 1 件 31,000 (本税 30,000, 過誤納 1,000);
/// eLTAX・市民税 1 件 20,000; total 3 件 96,000 (本税 95,000, 過誤納 1,000); 速報 コンビニ 1 件 12,000; 未消込 金融機関 1 件 4,000.
/// 調定収納集計 2026 as of 2026-11-26: 市民税 現年度 調定 95,000 収入 65,000 未納 30,000 (overdue 30,000) 68.4%;
/// 市民税 滞納繰越 20,000 / 0 / 20,000 (overdue 20,000) 0.0%; 固定資産税 現年度 42,000 / 30,000 / 12,000 (overdue 0) 71.4%;
/// total 157,000 / 95,000 / 62,000 (overdue 50,000) 60.5%.
/// </summary>
public sealed class ReportsFixture : IAsyncLifetime
{
    public WebFixture Web { get; } = new();

    public async Task InitializeAsync()
    {
        await Web.InitializeAsync();
        long[] a1, f1, a2, f2;
        await using (var db = Web.Store.Open())
        {
            var t1 = await LedgerSeed.TaxpayerAsync(db, "1000000001", "鹿児島 花子");
            var t2 = await LedgerSeed.TaxpayerAsync(db, "1000000002", "谷山 次郎");
            a1 = await LedgerSeed.AssessmentAsync(db, t1, TaxKindCodes.InhabitantTax, 2026, "2026010001",
                new LedgerSeed.Inst(3, new DateOnly(2026, 10, 30), 30_000), new LedgerSeed.Inst(4, new DateOnly(2027, 1, 4), 45_000));
            f1 = await LedgerSeed.AssessmentAsync(db, t1, TaxKindCodes.FixedAssetTax, 2026, "2026020001", new LedgerSeed.Inst(3, new DateOnly(2026, 12, 25), 30_000));
            await LedgerSeed.AssessmentAsync(db, t1, TaxKindCodes.InhabitantTax, 2025, "2025010001", new LedgerSeed.Inst(1, new DateOnly(2025, 6, 30), 20_000));
            a2 = await LedgerSeed.AssessmentAsync(db, t2, TaxKindCodes.InhabitantTax, 2026, "2026010002", new LedgerSeed.Inst(4, new DateOnly(2027, 1, 4), 20_000));
            f2 = await LedgerSeed.AssessmentAsync(db, t2, TaxKindCodes.FixedAssetTax, 2026, "2026020002", new LedgerSeed.Inst(4, new DateOnly(2027, 2, 26), 12_000));
        }
        var paid = new DateOnly(2026, 11, 18);
        var received = new DateOnly(2026, 11, 20);
        var dir = Directory.CreateTempSubdirectory("choshu-web-reports-").FullName;
        try
        {
            var bank = await ImportAsync(dir, "bank", Bank(
            [
                new BankLine("1", Key(a1[1]), 45_000, paid, received),
                new BankLine("2", Key(f1[0]), 31_000, paid, received),
                new BankLine("3", BadKey(a1[0]), 4_000, paid, received),
            ]));
            Assert.Equal((2, 1, 1), (bank.Booked, bank.Unmatched, bank.Overpaid));
            var eltax = await ImportAsync(dir, "eltax", Eltax([new EltaxLine("EL-1", Key(a2[0]), 20_000, new DateOnly(2026, 11, 19), received)]));
            Assert.Equal(1, eltax.Booked);
            var store = await ImportAsync(dir, "store", Store(
                [new StoreLine('1', "R1", Barcode(f2[0], 12_000, new DateOnly(2027, 2, 26)), 12_000, new DateTime(2026, 11, 20, 10, 0, 0), null)]));
            Assert.Equal(1, store.Pending);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private async Task<PaymentImportSummary> ImportAsync(string dir, string format, List<string> lines)
    {
        var path = Path.Combine(dir, format + ".csv");
        await File.WriteAllTextAsync(path, string.Join("\r\n", lines) + "\r\n", new UTF8Encoding(false));
        return await new PaymentImport(Web.Store.Store, Web.Clock).RunAsync(new PaymentImportRequest(path, format, "test:reports"));
    }

    public Task DisposeAsync() => Web.DisposeAsync();
}
