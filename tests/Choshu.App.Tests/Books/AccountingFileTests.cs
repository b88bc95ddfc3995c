using System.Text;
using Choshu.App.Books;
using Choshu.App.Reconciliation;
using Choshu.App.Security;
using Choshu.App.Reports;
using Choshu.App.Tests.Reconciliation;
using Choshu.Data;
using Choshu.Data.Assessments;
using Choshu.Domain;
using Choshu.Domain.Assessments;
using Choshu.Domain.Reconciliation;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using static Choshu.TestSupport.PaymentFiles;

namespace Choshu.App.Tests.Books;

/// <summary>
/// The 財務会計 daily revenue hand-over equals the 収納日計表, and a tax kind added at runtime as data (国民健康保険税, code 05,
/// 地方税法723条) is assessed, charged its late fee, reported and handed over with no code for it.
///   I1 市民税 2026 1期 50,000 due 2026-11-30; I3 固定資産税 2025 2期 100,000 due 2025-07-31 (滞納繰越分 in 2026);
///   I5 国民健康保険税 2026 1期 100,000 due 2026-07-31 (the new kind: 会計 02 国民健康保険事業特別会計, 款項目 01-01-01).
/// Bank file, all paid 2026-11-09 and received 2026-11-10: I1 50,000; I3 30,000 (partial, all principal); I5 100,000.
///   I5's principal complete on 2026-11-09 makes its late fee final: 2026-08-01..08-31 31 days 2.8% on 100,000 = 237.8 → 237;
///   09-01..11-09 70 days 9.1% = 100,000 × 0.091 × 70 / 365 = 1,745.2 → 1,745; 1,982 → 1,900 charged (unpaid).
/// 収納日計表 2026-11-10: bank 01 1 件 50,000; bank 02 1 件 30,000; bank 05 1 件 100,000; total 3 件 180,000.
/// Hand-over: 01/01-01-01 2026 1 件 50,000; 01/01-02-01 2026 1 件 30,000 (a 2025 claim received in November belongs to 2026);
///   02/01-01-01 2026 1 件 100,000; total 180,000, 戻出 0.
/// </summary>
public sealed class AccountingFileTests
{
    private static readonly DateOnly Nov10 = new(2026, 11, 10);

    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task AccountingFile_ClosedDay_TotalsEqualDailyReport_NewTaxKindAsDataOnly(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        // The new tax kind: two rows of data, nothing else.
        await using (var db = f.Open())
        {
            db.TaxKinds.Add(new TaxKind { Code = "05", Name = "国民健康保険税", Aliases = "国保税", SortOrder = 5 });
            db.TaxKindAccounts.Add(new TaxKindAccount
            {
                TaxKindCode = "05", Fund = "02", Kan = "01", Kou = "01", Moku = "01", AccountName = "国民健康保険税 一般被保険者", LateFeeArticle = "地方税法第723条",
            });
            await db.SaveChangesAsync();
        }
        var taxpayer = await f.TaxpayerAsync();
        var i1 = (await f.AssessmentAsync(taxpayer, TaxKindCodes.InhabitantTax, 2026, "2026010001", new LedgerSeed.Inst(1, new DateOnly(2026, 11, 30), 50_000)))[0];
        var i3 = (await f.AssessmentAsync(taxpayer, TaxKindCodes.FixedAssetTax, 2025, "2025020001", new LedgerSeed.Inst(2, new DateOnly(2025, 7, 31), 100_000)))[0];
        var i5 = (await f.AssessmentAsync(taxpayer, "05", 2026, "2026050001", new LedgerSeed.Inst(1, new DateOnly(2026, 7, 31), 100_000)))[0];
        var bank = await f.ImportAsync(f.Write(Bank(
        [
            new BankLine("1", Key(i1), 50_000, new DateOnly(2026, 11, 9), Nov10),
            new BankLine("2", Key(i3), 30_000, new DateOnly(2026, 11, 9), Nov10),
            new BankLine("3", Key(i5), 100_000, new DateOnly(2026, 11, 9), Nov10),
        ]), "bank.csv"), "bank");
        Assert.Equal(3, bank.Booked);
        var ledger5 = await f.LedgerAsync(i5);
        Assert.Equal((0L, 1_900L), (ledger5.PrincipalBalance, ledger5.LateFeeCharged));

        Actor clerk, approver;
        await using (var db = f.Open())
        {
            clerk = await StaffSeed.AddAsync(db, "S2001", "山田 太郎", StaffSeed.Holds(Role.CollectionClerk));
            approver = await StaffSeed.AddAsync(db, "S2002", "鈴木 次郎", StaffSeed.Holds(Role.Approver));
            // The new kind has its report line like any other.
            var collection = await CollectionReportQuery.LoadAsync(db, 2026, ReconciliationFixture.Today);
            var nhi = collection.Lines.Single(l => l.TaxKindCode == "05");
            Assert.Equal(("国民健康保険税", "current", 100_000L, 100_000L, 0L), (nhi.TaxKindName, nhi.Bucket, nhi.Assessed, nhi.Collected, nhi.Balance));
            Assert.Equal("地方税法第723条", (await db.TaxKindAccounts.SingleAsync(a => a.TaxKindCode == "05")).LateFeeArticle);
        }

        var path = Path.Combine(Path.GetTempPath(), $"choshu-accounting-{Guid.NewGuid():N}.csv");
        try
        {
            // Refused before the day is closed (its figures could still change).
            var open = await Assert.ThrowsAsync<DomainException>(() => AccountingHandovers.WriteAsync(f.Store.Store, clerk, Nov10, path, f.Clock));
            Assert.Contains("収入日 2026-11-10 は日計締めされていない", open.Message);
            // An approver holds no RecordPayments: refused.
            await Assert.ThrowsAsync<AccessDeniedException>(() => AccountingHandovers.WriteAsync(f.Store.Store, approver, Nov10, path, f.Clock));
            var daily = await BusinessDays.CloseAsync(f.Store.Store, clerk, Nov10, f.Clock);
            Assert.Equal(
                [(PaymentChannel.Bank, "01", 1, 50_000L), (PaymentChannel.Bank, "02", 1, 30_000L), (PaymentChannel.Bank, "05", 1, 100_000L)],
                daily.Booked.Select(l => (l.Channel!.Value, l.TaxKindCode, l.Count, l.Amount)).ToArray());
            Assert.Equal((3, 180_000L), (daily.BookedTotal.Count, daily.BookedTotal.Amount));

            var written = await AccountingHandovers.WriteAsync(f.Store.Store, clerk, Nov10, path, f.Clock);
            Assert.False(written.Reproduced);
            Assert.Equal(
                [("01", "01", "01", "01", 2026, 1, 50_000L, 0L), ("01", "01", "02", "01", 2026, 1, 30_000L, 0L), ("02", "01", "01", "01", 2026, 1, 100_000L, 0L)],
                written.Lines.Select(l => (l.Fund, l.Kan, l.Kou, l.Moku, l.FiscalYear, l.ReceivedCount, l.Received, l.Refunded)).ToArray());
            Assert.Equal((180_000L, 0L), (written.Received, written.Refunded));
            await using (var db = f.Open())
                Assert.Equal((await DailyReportQuery.LoadAsync(db, Nov10)).BookedTotal.Amount, written.Received);

            // The bytes: Shift_JIS, CR LF, header, three data rows and the trailer.
            var bytes = await File.ReadAllBytesAsync(path);
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            var text = Encoding.GetEncoding(932).GetString(bytes);
            Assert.Equal(
                "レコード区分,収入日,会計年度,会計区分,款,項,目,科目名,収入件数,収入額,戻出件数,戻出額\r\n" +
                "D,20261110,2026,01,01,01,01,市税 市民税 個人,1,50000,0,0\r\n" +
                "D,20261110,2026,01,01,02,01,市税 固定資産税 固定資産税,1,30000,0,0\r\n" +
                "D,20261110,2026,02,01,01,01,国民健康保険税 一般被保険者,1,100000,0,0\r\n" +
                "T,20261110,,,,,,合計,3,180000,0,0\r\n", text);

            // A second write reproduces the identical bytes (recorded again, never recomputed).
            var path2 = path + ".2";
            var second = await AccountingHandovers.WriteAsync(f.Store.Store, clerk, Nov10, path2, f.Clock);
            Assert.True(second.Reproduced);
            Assert.Equal(bytes, await File.ReadAllBytesAsync(path2));
            File.Delete(path2);
            await using (var db = f.Open())
            {
                Assert.Equal(1, await db.AccountingHandovers.CountAsync());
                Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.Kind == AuditEventKind.AccountingFileWritten));
            }
        }
        finally
        {
            File.Delete(path);
        }

        // 指定金融機関の収納済通知 for November: 11-10 bank 3 件 180,000 agrees; 11-10 store 1 件 5,000 Choshu does not have (+5,000);
        // two bad lines set aside with Japanese file/line/field messages.
        var notice = f.Write(["収納日,収入区分,件数,金額", "2026-11-10,金融機関,3,180000", "20261110,コンビニ,1,5000", "2026-11-12,金融機関,x,100",
            "2026-12-01,金融機関,1,100"], "bank-notice.csv");
        await using (var db = f.Open())
        {
            var rec = await BankReconciliation.RunAsync(db, clerk, notice, 2026, 11, f.Clock);
            Assert.Equal(
                [(Nov10, PaymentChannel.Bank, 3, 180_000L, 3, 180_000L, 0L), (Nov10, PaymentChannel.Store, 1, 5_000L, 0, 0L, 5_000L)],
                rec.Lines.Select(l => (l.Day, l.Channel, l.BankCount, l.BankAmount, l.ChoshuCount, l.ChoshuAmount, l.Difference)).ToArray());
            Assert.Equal(PaymentChannel.Store, Assert.Single(rec.Differences).Channel);
            Assert.Equal(
                ["bank-notice.csv 4 行目 件数: 「x」は 0 以上の整数ではありません。", "bank-notice.csv 5 行目 収納日: 2026-12-01 は照合する月（2026-11）の日ではありません。"],
                rec.Quarantined.Select(q => q.Message).ToArray());
            Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Kind == AuditEventKind.BankReconciliationRun));
        }
    }
}
