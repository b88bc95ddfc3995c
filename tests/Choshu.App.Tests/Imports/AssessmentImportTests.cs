using Choshu.App.Imports;
using Choshu.Data;
using Choshu.Domain.Ledger;
using Choshu.Formats.Csv;
using Microsoft.EntityFrameworkCore;
using static Choshu.App.Tests.Imports.ImportFixture;

namespace Choshu.App.Tests.Imports;

/// <summary><c>choshu import assessments</c> against real PostgreSQL and SQLite. "Today" is 2026-04-01 (JST).</summary>
public class AssessmentImportTests
{
    public static TheoryData<StoreProvider> Providers => ImportFixture.Providers;

    [Theory, MemberData(nameof(Providers))]
    public async Task Import_NewInstallments_ChargeEntriesAndHolidayShiftedDueDate(StoreProvider provider)
    {
        await using var fx = await CreateAsync(provider);
        await fx.SeedTaxpayersAsync();
        var path = fx.Write("assessments.csv",
        [
            AssessmentHeader,
            "100001,市民税,2026,2026,0000123,1,2026-06-30,\"12,300\"",
            "100001,01,2026,2026,0000123,2,20260831,12000",
            // 2026-05-03 is a Sunday and 憲法記念日; 05-04, 05-05 are holidays and 05-06 a substitute holiday → 05-07.
            "100002,固定資産税・都市計画税,2026,2026,0000456,1,2026-05-03,50000",
        ]);

        var r = await fx.ImportAssessmentsAsync(path);

        Assert.Equal((3, 3, 0, 0, 0), (r.Read, r.Created, r.Changed, r.Unchanged, r.Quarantined));
        await using var db = fx.Store.Open();
        var assessments = await db.Assessments.Include(a => a.Installments).OrderBy(a => a.NoticeNo).ToListAsync();
        Assert.Equal([("01", 2026, 2026, "0000123", 2), ("02", 2026, 2026, "0000456", 1)],
            assessments.Select(a => (a.TaxKindCode, a.FiscalYear, a.LiabilityYear, a.NoticeNo, a.Installments.Count)));
        var shifted = assessments[1].Installments.Single();
        Assert.Equal((new DateOnly(2026, 5, 3), new DateOnly(2026, 5, 7)), (shifted.NominalDueDate, shifted.DueDate));
        var first = assessments[0].Installments.Single(i => i.Period == 1);
        Assert.Equal((new DateOnly(2026, 6, 30), new DateOnly(2026, 6, 30)), (first.NominalDueDate, first.DueDate));

        var entries = await db.JournalEntries.OrderBy(j => j.SourceLine).ToListAsync();
        Assert.Equal([12_300L, 12_000L, 50_000L], entries.Select(j => j.Amount));
        Assert.All(entries, j =>
        {
            Assert.Equal((JournalEntryKind.Charge, LedgerComponent.Principal, Today, "assessment.import", Actor, r.ImportFileId),
                (j.Kind, j.Component, j.ValueDate, j.ReasonCode, j.Actor, j.ImportFileId));
        });
        Assert.Equal((shifted.Id, 4, "charge:02:2026:2026:0000456:1"), (entries[2].InstallmentId, entries[2].SourceLine, entries[2].IdempotencyKey));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Import_HigherThenLowerAmount_AmendmentsOfExactlyTheDifference(StoreProvider provider)
    {
        await using var fx = await CreateAsync(provider);
        await fx.SeedTaxpayersAsync();
        var original = fx.Write("a.csv", [AssessmentHeader, "100001,市民税,2026,2026,0000123,1,2026-06-30,10000"]);
        await fx.ImportAssessmentsAsync(original);

        var higher = await fx.ImportAssessmentsAsync(fx.Write("b.csv",
            [AssessmentHeader + ",更正日", "100001,市民税,2026,2026,0000123,1,2026-06-30,12500,2026-07-15"]));
        var lower = await fx.ImportAssessmentsAsync(fx.Write("c.csv",
            [AssessmentHeader + ",更正日,更正事由", "100001,01,2026,2026,0000123,1,20260630,9000,2026-04-01,1"]));

        Assert.Equal((0, 1, 0), (higher.Created, higher.Changed, higher.Unchanged));
        Assert.Equal((0, 1, 0), (lower.Created, lower.Changed, lower.Unchanged));
        await using var db = fx.Store.Open();
        var entries = await db.JournalEntries.OrderBy(j => j.Id).ToListAsync();
        Assert.Equal(
        [
            (JournalEntryKind.Charge, 10_000L, Today, "assessment.import"),
            (JournalEntryKind.Amendment, +2_500L, new DateOnly(2026, 7, 15), "amendment.import"),
            (JournalEntryKind.Amendment, -3_500L, Today, "amendment.import"),
        ], entries.Select(j => (j.Kind, j.Amount, j.ValueDate, j.ReasonCode)));
        Assert.Equal($"amend:{higher.Sha256}:2", entries[1].IdempotencyKey);
        Assert.Equal($"amend:{lower.Sha256}:2", entries[2].IdempotencyKey);
        Assert.Equal(9_000, entries.Sum(j => j.Amount));
        Assert.Single(entries.Select(j => j.InstallmentId).Distinct());

        // Importing the newest file again, or the original one, moves nothing.
        var again = await fx.ImportAssessmentsAsync(fx.Write("c-again.csv",
            [AssessmentHeader, "100001,01,2026,2026,0000123,1,20260630,9000"]));
        var old = await fx.ImportAssessmentsAsync(original);
        Assert.Equal((0, 0, 1), (again.Created, again.Changed, again.Unchanged));
        Assert.Equal((0, 0, 1), (old.Created, old.Changed, old.Unchanged));
        Assert.Equal(3, await db.JournalEntries.CountAsync());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Import_SameFileTwice_SecondRunChangesNothing(StoreProvider provider)
    {
        await using var fx = await CreateAsync(provider);
        await fx.SeedTaxpayersAsync();
        var path = fx.Write("a.csv",
        [
            AssessmentHeader,
            "100001,市民税,2026,2026,0000123,1,2026-06-30,12300",
            "100001,市民税,2026,2026,0000123,2,2026-08-31,12000",
            "100002,02,2026,2026,0000456,1,2026-05-03,50000",
            "999999,02,2026,2026,0000789,1,2026-05-03,50000",
        ]);
        var first = await fx.ImportAssessmentsAsync(path);
        var before = await fx.CountAsync();

        var second = await fx.ImportAssessmentsAsync(path);

        Assert.Equal((4, 3, 0, 0, 1), (first.Read, first.Created, first.Changed, first.Unchanged, first.Quarantined));
        Assert.Equal((4, 0, 0, 3, 1), (second.Read, second.Created, second.Changed, second.Unchanged, second.Quarantined));
        Assert.Equal(new RowCounts(2, 2, 0, 2, 3, 3, 1, 2, 2), before);
        Assert.Equal(before with { ImportRuns = 3 }, await fx.CountAsync());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Import_ProblemLines_QuarantinedWhileGoodLinesLand(StoreProvider provider)
    {
        await using var fx = await CreateAsync(provider);
        await fx.SeedTaxpayersAsync();
        await fx.ImportAssessmentsAsync(fx.Write("a.csv", [AssessmentHeader, "100001,市民税,2026,2026,0000123,1,2026-06-30,12300"]));

        var r = await fx.ImportAssessmentsAsync(fx.Write("b.csv",
        [
            AssessmentHeader,                                              // line 1
            "999999,市民税,2026,2026,0000999,1,2026-06-30,100",             // line 2: unknown taxpayer
            "100001,市民税,2026,2026,0000123,1,2026-07-31,12300",           // line 3: due date differs from the stored one
            "100002,市民税,2026,2026,0000123,3,2026-09-30,12000",           // line 4: notice belongs to 100001
            "100001,市民税,2026,2026,0000123,2,2026-08-31,12000",           // line 5: good (new installment)
            "100001,市民税,2026,2026,0000123,2,2026-08-31,13000",           // line 6: same installment again
            "100002,固定資産税,2026,2026,0000456,1,2026-05-03,5.5",          // line 7: amount
            "100002,入湯税,2030,2026,0000457,1,2026-05-03,100",             // line 8: tax kind
            "100002,固定資産税,2026,2026,0000458,1,2031-05-03,100",          // line 9: year not in the holiday calendar
        ], Utf8WithBom));

        Assert.Equal((8, 1, 0, 0, 7), (r.Read, r.Created, r.Changed, r.Unchanged, r.Quarantined));
        Assert.Equal(
        [
            new ImportError(2, "宛名番号", "宛名番号が登録されていません（先に宛名を取り込んでください）。"),
            new ImportError(3, "納期限", "納期限が登録済みの値と異なります（登録済みの納期限は変更しません）。"),
            new ImportError(4, "宛名番号", "この通知書番号の調定（税目・調定年度・相当年度が同じもの）は別の宛名番号に登録されています。"),
            new ImportError(6, "", "同じ期別（税目・調定年度・相当年度・通知書番号・期別）が5行目にもあります（1つのファイルに1行まで）。どちらを正とするか確認してください。"),
            new ImportError(7, "税額", "円単位の整数で指定してください（小数点は使えません）。"),
            new ImportError(8, "税目", "登録されていない税目です（税目名・別名、または2桁の税目コードで指定してください）。"),
            new ImportError(9, "納期限", "祝日カレンダーに2031年のデータがありません（登録済みは2015年～2027年）。管理者が2031年の祝日を登録してください。"),
        ], r.Errors);
        Assert.Equal("utf-8", r.Encoding);

        await using var db = fx.Store.Open();
        var installment = await db.Installments.SingleAsync(i => i.Period == 2);
        Assert.Equal(12_000, await db.JournalEntries.Where(j => j.InstallmentId == installment.Id).SumAsync(j => j.Amount));
        var period1 = await db.Installments.SingleAsync(i => i.Period == 1);
        Assert.Equal(new DateOnly(2026, 6, 30), period1.NominalDueDate);
        Assert.Equal(7, await db.QuarantinedRecords.CountAsync(q => q.ImportFileId == r.ImportFileId));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Import_MissingRequiredColumn_FileRefusedAndNothingWritten(StoreProvider provider)
    {
        await using var fx = await CreateAsync(provider);
        await fx.SeedTaxpayersAsync();
        var before = await fx.CountAsync();
        var path = fx.Write("no-amount.csv",
        [
            "宛名番号,税目,調定年度,相当年度,通知書番号,期別,納期限",
            "100001,市民税,2026,2026,0000123,1,2026-06-30",
        ]);

        var ex = await Assert.ThrowsAsync<CsvFileRefusedException>(() => fx.ImportAssessmentsAsync(path));

        Assert.Equal("no-amount.csv: 必須の列「税額」がヘッダー行にありません。ファイル全体を取り込みません。", ex.Message);
        Assert.Equal(before, await fx.CountAsync());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Import_StatutoryDueDateColumnAbsent_StatutoryDueDateIsTheShiftedDueDate(StoreProvider provider)
    {
        await using var fx = await CreateAsync(provider);
        await fx.SeedTaxpayersAsync();

        // 2026-05-03 (Sunday, 憲法記念日) → 納期限 2026-05-07; an ordinary installment: 法定納期限 the same.
        var r = await fx.ImportAssessmentsAsync(fx.Write("a.csv", [AssessmentHeader, "100002,固定資産税,2026,2026,0000456,1,2026-05-03,50000"]));

        Assert.Equal((1, 1, 0), (r.Read, r.Created, r.Quarantined));
        await using var db = fx.Store.Open();
        var i = await db.Installments.SingleAsync();
        Assert.Equal((new DateOnly(2026, 5, 3), new DateOnly(2026, 5, 7), new DateOnly(2026, 5, 7)), (i.NominalDueDate, i.DueDate, i.StatutoryDueDate));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Import_StatutoryDueDateColumnPresent_StoredShiftedOrDueDateWhenEmpty(StoreProvider provider)
    {
        await using var fx = await CreateAsync(provider);
        await fx.SeedTaxpayersAsync();
        var header = AssessmentHeader + ",法定納期限";

        var r = await fx.ImportAssessmentsAsync(fx.Write("a.csv",
        [
            header,
            // 過年度 (2025) assessed late, notice due 2026-06-30; the law's date Sat 2025-05-31 → Mon 2025-06-02.
            "100001,市民税,2026,2025,0000123,0,2026-06-30,12300,2025-05-31",
            // An ordinary installment with the column empty: 法定納期限 = 納期限.
            "100002,市民税,2026,2026,0000456,1,2026-06-30,12000,",
        ]));

        Assert.Equal((2, 2, 0), (r.Read, r.Created, r.Quarantined));
        await using (var db = fx.Store.Open())
        {
            var rows = await db.Installments.Include(i => i.Assessment).OrderBy(i => i.Assessment!.NoticeNo)
                .Select(i => new { i.DueDate, i.StatutoryDueDate }).ToListAsync();
            Assert.Equal(
                [(new DateOnly(2026, 6, 30), new DateOnly(2025, 6, 2)), (new DateOnly(2026, 6, 30), new DateOnly(2026, 6, 30))],
                rows.Select(x => (x.DueDate, x.StatutoryDueDate)));
        }

        // Again with the same 法定納期限 (written otherwise), or with the column empty: unchanged; with another one: quarantined.
        var same = await fx.ImportAssessmentsAsync(fx.Write("b.csv",
        [
            header,
            "100001,市民税,2026,2025,0000123,0,2026-06-30,12300,20250531",
            "100002,市民税,2026,2026,0000456,1,2026-06-30,12000,",
        ]));
        var other = await fx.ImportAssessmentsAsync(fx.Write("c.csv", [header, "100001,市民税,2026,2025,0000123,0,2026-06-30,12300,2025-06-30"]));

        Assert.Equal((2, 0, 2, 0), (same.Read, same.Created, same.Unchanged, same.Quarantined));
        Assert.Equal([new ImportError(2, "法定納期限", "法定納期限が登録済みの値と異なります（登録済みの法定納期限は変更しません）。")], other.Errors);
    }

    [Fact]
    public async Task Import_VehicleNoColumn_KeptOnTheLightVehicleAssessmentRefusedOnOtherKindsAndNeverChanged()
    {
        await using var fx = await CreateAsync(StoreProvider.Postgres);
        await fx.SeedTaxpayersAsync();
        var header = AssessmentHeader + ",車両番号";

        var r = await fx.ImportAssessmentsAsync(fx.Write("a.csv",
        [
            header,
            "100001,軽自動車税,2026,2026,0000789,1,2026-06-01,10800,鹿児島480あ1234",
            "100002,市民税,2026,2026,0000456,1,2026-06-30,12000,鹿児島480い5678",
        ]));
        var changed = await fx.ImportAssessmentsAsync(fx.Write("b.csv", [header, "100001,軽自動車税,2026,2026,0000789,1,2026-06-01,10800,鹿児島480う9999"]));

        Assert.Equal((2, 1, 1), (r.Read, r.Created, r.Quarantined));
        Assert.Equal([new ImportError(3, "車両番号", "車両番号は軽自動車税（種別割）の調定にだけ指定できます。")], r.Errors);
        Assert.Equal([new ImportError(2, "車両番号", "車両番号が登録済みの値と異なります（登録済みの車両番号は変更しません）。")], changed.Errors);
        await using var db = fx.Store.Open();
        Assert.Equal(["鹿児島480あ1234"], await db.Assessments.Select(a => a.VehicleNo).ToListAsync());
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Import_StatutoryDueDateBad_LineQuarantinedNamingTheField(StoreProvider provider)
    {
        await using var fx = await CreateAsync(provider);
        await fx.SeedTaxpayersAsync();

        var r = await fx.ImportAssessmentsAsync(fx.Write("a.csv",
        [
            AssessmentHeader + ",法定納期限",
            "100001,市民税,2026,2025,0000123,0,2026-06-30,12300,2025-02-30",   // line 2: no such date
            "100001,市民税,2026,2025,0000124,0,2026-06-30,12300,令和7年5月31日", // line 3: not a date format
            "100001,市民税,2026,2025,0000125,0,2026-06-30,12300,2031-05-30",     // line 4: year not in the holiday calendar
            "100002,市民税,2026,2026,0000456,1,2026-06-30,12000,2026-06-30",     // line 5: good
        ]));

        Assert.Equal((4, 1, 3), (r.Read, r.Created, r.Quarantined));
        Assert.Equal(
        [
            new ImportError(2, "法定納期限", "日付として読めません（YYYY-MM-DD または YYYYMMDD）。"),
            new ImportError(3, "法定納期限", "日付として読めません（YYYY-MM-DD または YYYYMMDD）。"),
            new ImportError(4, "法定納期限", "祝日カレンダーに2031年のデータがありません（登録済みは2015年～2027年）。管理者が2031年の祝日を登録してください。"),
        ], r.Errors);
        await using var db = fx.Store.Open();
        Assert.Equal(new DateOnly(2026, 6, 30), (await db.Installments.SingleAsync()).StatutoryDueDate);
    }

    private static readonly System.Text.Encoding Utf8WithBom = new System.Text.UTF8Encoding(true);
}
