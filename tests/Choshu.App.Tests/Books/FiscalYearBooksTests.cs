using System.Data.Common;
using Choshu.App.Books;
using Choshu.App.Reports;
using Choshu.App.Security;
using Choshu.App.Tests.Reconciliation;
using Choshu.Data;
using Choshu.Data.Ledger;
using Choshu.Domain;
using Choshu.Domain.Assessments;
using Choshu.Domain.Ledger;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Tests.Books;

/// <summary>
/// 出納整理期間 and the 31 May carry-forward (滞納繰越), on a small hand-built store. Today 2026-11-26; the year closed is 2025
/// (出納閉鎖日 2026-05-31).
///   A 市民税 2025 (現年課税分 of 2025): 1期 60,000 due 2025-06-30, 2期 40,000 due 2025-08-31 (charged 2025-04-01).
///   B 固定資産税 2024 (滞納繰越分 in 2025): 1期 100,000 due 2024-04-30 (charged 2024-04-01).
///   C 市民税 2026 1期 30,000 due 2026-06-30 (charged 2026-04-01): the new year, not in 2025.
/// Principal movements:
///   A1 paid 60,000 on 2026-05-15 (出納整理期間 → 2025).   A2 paid 10,000 on 2025-12-10 (2025), 5,000 on 2026-06-01 (→ 2026).
///   B paid 30,000 on 2025-05-20 (2024's 出納整理期間 → 2024: carried into 2025 at 70,000), 20,000 on 2025-09-01 (2025),
///     written off 10,000 on 2026-03-20 (2025), paid 5,000 on 2026-04-10 (→ 2025).
///   C paid 30,000 on 2026-05-20 (a claim of 2026 → 2026).
/// 2025 closed: 市民税 2025 現年課税分 調定額 100,000 収入額 70,000 不納欠損額 0 収入未済額 30,000 (1 期別);
///   固定資産税 2024 滞納繰越分 調定額 70,000 収入額 25,000 不納欠損額 10,000 収入未済額 35,000 (1 期別);
///   total 170,000 / 95,000 / 10,000 / 65,000, carried into 2026's 滞納繰越分.
/// </summary>
public sealed class FiscalYearBooksTests
{
    [Theory]
    [MemberData(nameof(ReconciliationFixture.Providers), MemberType = typeof(ReconciliationFixture))]
    public async Task CarryForward_HandBuiltStore_ReportEqualsJournalAndIsIdempotentAndReversible(StoreProvider provider)
    {
        await using var f = await ReconciliationFixture.CreateAsync(provider);
        var taxpayer = await f.TaxpayerAsync();
        var a = await f.AssessmentAsync(taxpayer, TaxKindCodes.InhabitantTax, 2025, "2025010001",
            new LedgerSeed.Inst(1, new DateOnly(2025, 6, 30), 60_000), new LedgerSeed.Inst(2, new DateOnly(2025, 8, 31), 40_000));
        var b = (await f.AssessmentAsync(taxpayer, TaxKindCodes.FixedAssetTax, 2024, "2024020001", new LedgerSeed.Inst(1, new DateOnly(2024, 4, 30), 100_000)))[0];
        var c = (await f.AssessmentAsync(taxpayer, TaxKindCodes.InhabitantTax, 2026, "2026010001", new LedgerSeed.Inst(1, new DateOnly(2026, 6, 30), 30_000)))[0];
        Actor approver, clerk;
        await using (var db = f.Open())
        {
            Add(db, a[0], JournalEntryKind.Payment, -60_000, new DateOnly(2026, 5, 15));
            Add(db, a[1], JournalEntryKind.Payment, -10_000, new DateOnly(2025, 12, 10));
            Add(db, a[1], JournalEntryKind.Payment, -5_000, new DateOnly(2026, 6, 1));
            Add(db, b, JournalEntryKind.Payment, -30_000, new DateOnly(2025, 5, 20));
            Add(db, b, JournalEntryKind.Payment, -20_000, new DateOnly(2025, 9, 1));
            Add(db, b, JournalEntryKind.WriteOff, -10_000, new DateOnly(2026, 3, 20));
            Add(db, b, JournalEntryKind.Payment, -5_000, new DateOnly(2026, 4, 10));
            Add(db, c, JournalEntryKind.Payment, -30_000, new DateOnly(2026, 5, 20));
            await db.SaveChangesAsync();
            approver = await StaffSeed.AddAsync(db, "S1001", "田中 一郎", StaffSeed.Holds(Role.Approver));
            clerk = await StaffSeed.AddAsync(db, "S1002", "佐藤 花子", StaffSeed.Holds(Role.CollectionClerk));
        }

        // 調定収納集計 of 2025 to its closing day: the 15 May payment counted in 2025 (市民税 収入額 70,000), the 1 June one not.
        await using (var db = f.Open())
        {
            var r2025 = await CollectionReportQuery.LoadAsync(db, 2025, new DateOnly(2026, 5, 31));
            Assert.Equal(
                [("01", "current", 100_000L, 70_000L, 0L, 30_000L), ("02", "arrears", 70_000L, 25_000L, 10_000L, 35_000L)],
                r2025.Lines.Select(l => (l.TaxKindCode, l.Bucket, l.Assessed, l.Collected, l.WrittenOff, l.Balance)).ToArray());
            // 2026 today: 市民税 2025 carried in 30,000 and 5,000 collected on 1 June; 固定資産税 2024 carried in 35,000; 市民税 2026 paid 20 May.
            var r2026 = await CollectionReportQuery.LoadAsync(db, 2026, ReconciliationFixture.Today);
            Assert.Equal(
                [("01", "current", 30_000L, 30_000L, 0L), ("01", "arrears", 30_000L, 5_000L, 25_000L), ("02", "arrears", 35_000L, 0L, 35_000L)],
                r2026.Lines.Select(l => (l.TaxKindCode, l.Bucket, l.Assessed, l.Collected, l.Balance)).ToArray());
        }

        // Refused: a clerk (no right, audited 5000), and before the closing day.
        await Assert.ThrowsAsync<AccessDeniedException>(() => CarryForwards.RunAsync(f.Store.Store, clerk, 2025, f.Clock));
        var early = await Assert.ThrowsAsync<DomainException>(() => CarryForwards.RunAsync(f.Store.Store, approver, 2026, f.Clock));
        Assert.Contains("出納閉鎖日（2027-05-31）より前", early.Message);

        var first = await CarryForwards.RunAsync(f.Store.Store, approver, 2025, f.Clock);
        Assert.False(first.AlreadyRecorded);
        Assert.Equal((2025, 2, 65_000L), (first.Step.ClosedFiscalYear, first.Step.Installments, first.Step.Unpaid));
        var again = await CarryForwards.RunAsync(f.Store.Store, approver, 2025, f.Clock);
        Assert.True(again.AlreadyRecorded);
        Assert.Equal(first.Step.Id, again.Step.Id);

        await using (var db = f.Open())
        {
            var report = await CarryForwards.ReportAsync(db, 2025);
            Assert.NotNull(report.Step);
            Assert.Equal(
                [("01", 2025, "現年課税分", 1, 100_000L, 70_000L, 0L, 30_000L), ("02", 2024, "滞納繰越分", 1, 70_000L, 25_000L, 10_000L, 35_000L)],
                report.Lines.Select(l => (l.TaxKindCode, l.ClaimFiscalYear, l.Bucket, l.Installments, l.Assessed, l.Collected, l.WrittenOff, l.Unpaid)).ToArray());
            Assert.Equal((170_000L, 95_000L, 10_000L, 65_000L), (report.Total.Assessed, report.Total.Collected, report.Total.WrittenOff, report.Total.Unpaid));
            Assert.Empty(report.Differences);

            // The journal by plain SQL: every principal entry of the claims of 2025 and before up to the closing day sums to the
            // 収入未済額; the payments in the year's windows (2025 claims from 2025-04-01, earlier ones from 2025-06-01) to the 収入額.
            var unpaid = await ScalarAsync(db, """
                SELECT SUM(j.amount) FROM journal_entries j JOIN installments i ON i.id = j.installment_id JOIN assessments a ON a.id = i.assessment_id
                WHERE j.component = 1 AND j.value_date <= '2026-05-31' AND a.fiscal_year <= 2025
                """);
            var collected = await ScalarAsync(db, """
                SELECT -SUM(j.amount) FROM journal_entries j JOIN installments i ON i.id = j.installment_id JOIN assessments a ON a.id = i.assessment_id
                WHERE j.component = 1 AND j.kind = 3 AND j.value_date <= '2026-05-31'
                  AND ((a.fiscal_year = 2025 AND j.value_date >= '2025-04-01') OR (a.fiscal_year < 2025 AND j.value_date >= '2025-06-01'))
                """);
            Assert.Equal((65_000L, 95_000L), (unpaid, collected));
            Assert.Equal(report.Total.Unpaid, unpaid);
            // The new year's 滞納繰越分 carries in exactly that amount.
            var r2026 = await CollectionReportQuery.LoadAsync(db, 2026, ReconciliationFixture.Today);
            Assert.Equal(65_000L, r2026.Lines.Where(l => l.Bucket == "arrears").Sum(l => l.Assessed));
            Assert.Equal(1, await db.CarryForwards.CountAsync());
            Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Kind == AuditEventKind.FiscalYearCarriedForward));
            Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Kind == AuditEventKind.AccessDenied));
            var csv = System.Text.Encoding.UTF8.GetString(CarryForwards.Csv(report));
            Assert.Contains("2025,02,固定資産税,2024,滞納繰越分,1,70000,25000,10000,35000\r\n", csv);
        }

        // Reversed with a reason, then run again: a new record with the same figures.
        var noReason = await Assert.ThrowsAsync<DomainException>(() => CarryForwards.ReverseAsync(f.Store.Store, approver, 2025, " ", f.Clock));
        Assert.Contains("理由", noReason.Message);
        var reversed = await CarryForwards.ReverseAsync(f.Store.Store, approver, 2025, "出納整理期間の収入の計上漏れ", f.Clock);
        Assert.Equal(("S1001", "出納整理期間の収入の計上漏れ"), (reversed.ReversedBy, reversed.ReversalReason));
        await using (var db = f.Open())
            Assert.Null((await CarryForwards.ReportAsync(db, 2025)).Step);
        var rerun = await CarryForwards.RunAsync(f.Store.Store, approver, 2025, f.Clock);
        Assert.NotEqual(first.Step.Id, rerun.Step.Id);
        Assert.Equal(65_000L, rerun.Step.Unpaid);
        await using (var db = f.Open())
        {
            Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Kind == AuditEventKind.FiscalYearCarryForwardReversed));
            Assert.Equal(2, await db.AuditEvents.CountAsync(e => e.Kind == AuditEventKind.FiscalYearCarriedForward));
            var none = await Assert.ThrowsAsync<DomainException>(() => CarryForwards.ReverseAsync(f.Store.Store, approver, 2024, "誤り", f.Clock));
            Assert.Contains("2024 年度の滞納繰越は記録されていません", none.Message);
        }
    }

    private static void Add(ChoshuDbContext db, long installmentId, JournalEntryKind kind, long amount, DateOnly on) =>
        db.JournalEntries.Add(new JournalEntry
        {
            InstallmentId = installmentId, Kind = kind, Component = LedgerComponent.Principal, Amount = amount, ValueDate = on,
            RecordedAtUtc = LedgerSeed.NowUtc, Actor = "test:seed", ReasonCode = kind == JournalEntryKind.WriteOff ? "writeoff.test" : "payment.test",
        });

    private static async Task<long> ScalarAsync(ChoshuDbContext db, string sql)
    {
        var conn = db.Database.GetDbConnection();
        if (conn.State != System.Data.ConnectionState.Open) await conn.OpenAsync();
        await using DbCommand cmd = conn.CreateCommand();
        cmd.CommandText = sql;
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
