using System.Text.Json;
using Choshu.Data;
using Choshu.Data.Assessments;
using Choshu.Data.Ledger;
using Choshu.Data.Taxpayers;
using Choshu.Domain.Assessments;
using Choshu.Domain.Ledger;
using Choshu.Domain.Security;
using Choshu.Domain.Taxpayers;
using Choshu.TestSupport;

namespace Choshu.Cli.Tests;

/// <summary>
/// One taxpayer with a 2025 fixed-asset tax of two installments of 100,000 yen:
/// period 1 due 2025-04-30 paid on 2025-04-30; period 2 due 2025-07-31 unpaid. Today 2026-11-26 (JST).
/// </summary>
public sealed class TaxpayerShowAndSummaryTests
{
    // A valid My Number made of the published example digits; the test checks it never appears in output.
    private const string StoredMyNumber = "621498320257";

    private static async Task<TestStore> SeedAsync(StoreProvider provider)
    {
        var store = await TestStore.CreateAsync(provider);
        await using var db = store.Open();
        var now = new DateTime(2026, 11, 26, 3, 0, 0, DateTimeKind.Utc);
        var t = new Taxpayer
        {
            TaxpayerNo = "1000000001",
            Facts = new TaxpayerFacts
            {
                NameKanji = "鹿児島 花子", NameKana = "カゴシマ ハナコ", BirthDate = new DateOnly(1980, 4, 1), Sex = Sex.Female,
                PostalCode = "8920816", TownName = "鹿児島県鹿児島市山下町", StreetNumber = "11-1",
            },
            HistorySeq = 1, EffectiveDate = new DateOnly(2025, 4, 1), CreatedAtUtc = now, UpdatedAtUtc = now,
        };
        db.Taxpayers.Add(t);
        await db.SaveChangesAsync();
        db.TaxpayerMyNumbers.Add(new TaxpayerMyNumber { TaxpayerId = t.Id, Value = StoredMyNumber, UpdatedAtUtc = now });
        var a = new Assessment
        {
            TaxpayerId = t.Id, TaxKindCode = TaxKindCodes.FixedAssetTax, FiscalYear = 2025, LiabilityYear = 2025, NoticeNo = "2025020001", CreatedAtUtc = now,
            Installments =
            [
                new Installment { Period = 1, NominalDueDate = new DateOnly(2025, 4, 30), DueDate = new DateOnly(2025, 4, 30), StatutoryDueDate = new DateOnly(2025, 4, 30) },
                new Installment { Period = 2, NominalDueDate = new DateOnly(2025, 7, 31), DueDate = new DateOnly(2025, 7, 31), StatutoryDueDate = new DateOnly(2025, 7, 31) },
            ],
        };
        db.Assessments.Add(a);
        await db.SaveChangesAsync();
        JournalEntry Entry(long installmentId, JournalEntryKind kind, long amount, DateOnly on) => new()
        {
            InstallmentId = installmentId, Kind = kind, Component = LedgerComponent.Principal, Amount = amount, ValueDate = on,
            RecordedAtUtc = now, Actor = "test",
        };
        db.JournalEntries.AddRange(
            Entry(a.Installments[0].Id, JournalEntryKind.Charge, 100_000, new DateOnly(2025, 4, 1)),
            Entry(a.Installments[1].Id, JournalEntryKind.Charge, 100_000, new DateOnly(2025, 4, 1)),
            Entry(a.Installments[0].Id, JournalEntryKind.Payment, -100_000, new DateOnly(2025, 4, 30)));
        await db.SaveChangesAsync();
        return store;
    }

    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task TaxpayerShow_OnePaidOneOverdueInstallment_GivesBalancesLateFeeAndMaskedMyNumber(StoreProvider provider)
    {
        await using var store = await SeedAsync(provider);

        var (code, output, _) = await CliRunner.RunAsync(CliRunner.Clock(), "taxpayer", "show", "1000000001", "--json", "--db", store.Store.ConnectionString);

        Assert.Equal(0, code);
        Assert.DoesNotContain(StoredMyNumber, output);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal("************", json.GetProperty("myNumber").GetString());
        Assert.Equal("鹿児島 花子", json.GetProperty("nameKanji").GetString());
        var installments = json.GetProperty("assessments")[0].GetProperty("installments");
        var p1 = installments[0];
        Assert.Equal(100_000, p1.GetProperty("principal").GetInt64());
        Assert.Equal(0, p1.GetProperty("principalBalance").GetInt64());
        Assert.Equal(0, p1.GetProperty("lateFee").GetInt64());
        Assert.Equal("paid", p1.GetProperty("status").GetString());
        // Period 2: 100,000 due 2025-07-31 (Thu), unpaid to 2026-11-26:
        //   2025-08-01..08-31   31 days × 2.4% → 100,000×0.024×31/365  =   203.8 →   203
        //   2025-09-01..12-31  122 days × 8.7% → 100,000×0.087×122/365 = 2,907.9 → 2,907
        //   2026-01-01..11-26  330 days × 9.1% → 100,000×0.091×330/365 = 8,227.4 → 8,227
        //   11,337 → 11,300 (not final: the principal is unpaid)
        var p2 = installments[1];
        Assert.Equal(100_000, p2.GetProperty("principalBalance").GetInt64());
        Assert.Equal(11_300, p2.GetProperty("lateFee").GetInt64());
        Assert.False(p2.GetProperty("lateFeeFinal").GetBoolean());
        Assert.Equal("2026-11-26", p2.GetProperty("lateFeeComputedTo").GetString());
        Assert.Equal("unpaid", p2.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task TaxpayerShow_Text_ShowsMaskNeverDigits(StoreProvider provider)
    {
        await using var store = await SeedAsync(provider);

        var (code, output, _) = await CliRunner.RunAsync(CliRunner.Clock(), "taxpayer", "show", "1000000001", "--db", store.Store.ConnectionString);

        Assert.Equal(0, code);
        Assert.Contains("個人番号   ************", output);
        Assert.DoesNotContain(StoredMyNumber, output);
        Assert.Contains("未納本税合計 100,000 円、延滞金合計 11,300 円（2026-11-26 現在）", output);
    }

    // The dates a reminder sets (issue 11, item 5), all from ClaimStatus.Of: 市民税 2025 第1期 50,000 due 2025-04-30 (法定納期限
    // the same), unpaid. No events: limitation runs from 2025-05-01, so the right no longer exists from 2030-05-01; no reminder,
    // nothing seizable. Reminder dispatched 2025-05-20: ten days counted from it end 2025-05-30, so seizure is lawful from
    // 2025-05-31 and limitation runs anew from that day: the right no longer exists from 2030-05-31. Reminder deadline 05-20.
    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task TaxpayerShow_ReminderDispatched_GivesReminderSeizableAndLapseDays(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        await using (var db = store.Open())
        {
            var taxpayerId = await LedgerSeed.TaxpayerAsync(db, "1000000002");
            await LedgerSeed.AssessmentAsync(db, taxpayerId, TaxKindCodes.InhabitantTax, 2025, "2025010002", new LedgerSeed.Inst(1, new DateOnly(2025, 4, 30), 50_000));
            await StaffSeed.AddAsync(db, "100001", "収納 花子", StaffSeed.Holds(Role.CollectionClerk));
        }
        async Task<JsonElement> InstallmentAsync()
        {
            var (code, output, error) = await CliRunner.RunAsync(CliRunner.Clock(), "taxpayer", "show", "1000000002", "--json", "--db", store.Store.ConnectionString);
            Assert.True(code == 0, error);
            return JsonDocument.Parse(output).RootElement.GetProperty("assessments")[0].GetProperty("installments")[0];
        }
        static (string?, string?, string?, string?, string?, string?) Dates(JsonElement i) =>
            (i.GetProperty("status").GetString(), i.GetProperty("statutoryDueDate").GetString(), i.GetProperty("reminderDeadline").GetString(),
             i.GetProperty("reminderSentOn").GetString(), i.GetProperty("seizableFrom").GetString(), i.GetProperty("limitationLapsesOn").GetString());

        Assert.Equal(("unpaid", "2025-04-30", "2025-05-20", null, null, "2030-05-01"), Dates(await InstallmentAsync()));

        var add = await CliRunner.RunAsync(CliRunner.Clock(), "claim", "event", "add", "--notice-no", "2025010002", "--period", "1",
            "--kind", "reminder", "--on", "2025-05-20", "--operator", "100001", "--db", store.Store.ConnectionString);
        Assert.True(add.ExitCode == 0, add.Err);

        Assert.Equal(("reminded", "2025-04-30", "2025-05-20", "2025-05-20", "2025-05-31", "2030-05-31"), Dates(await InstallmentAsync()));
        var (_, text, _) = await CliRunner.RunAsync(CliRunner.Clock(), "taxpayer", "show", "1000000002", "--db", store.Store.ConnectionString);
        Assert.Matches(@"督促日\s+差押可能日\s+徴収権消滅日\s+状態", text);
        Assert.Matches(@"2025-05-20\s+2025-05-31\s+2030-05-31\s+督促済", text);
    }

    [Fact]
    public async Task TaxpayerShow_UnknownNumber_ExitsFourWithJapaneseMessage()
    {
        await using var store = await SeedAsync(StoreProvider.Sqlite);

        var (code, _, error) = await CliRunner.RunAsync(CliRunner.Clock(), "taxpayer", "show", "9999999999", "--db", store.Store.ConnectionString);

        Assert.Equal(4, code);
        Assert.Contains("宛名番号 9999999999 は登録されていません", error);
    }

    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task Summary_OnePaidOneOverdue_TotalsByTaxKindFromJournal(StoreProvider provider)
    {
        await using var store = await SeedAsync(provider);

        var (code, output, _) = await CliRunner.RunAsync(CliRunner.Clock(), "summary", "--json", "--db", store.Store.ConnectionString);

        Assert.Equal(0, code);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(1, json.GetProperty("taxpayers").GetInt32());
        Assert.Equal(2026, json.GetProperty("currentFiscalYear").GetInt32());
        var kind = Assert.Single(json.GetProperty("byTaxKind").EnumerateArray());
        Assert.Equal("02", kind.GetProperty("taxKindCode").GetString());
        // FY2025 is an arrears year on 2026-11-26 (FY2026 began 2026-04-01). Period 1 was settled before the year
        // and did not move in it, so it is not part of the year's figures; period 2 brought 100,000 into the year
        // (調定額 of the arrears = carried in), nothing of it was collected since 2026-04-01.
        Assert.Equal(1, kind.GetProperty("assessments").GetInt32());
        Assert.Equal(1, kind.GetProperty("installments").GetInt32());
        Assert.Equal(100_000, kind.GetProperty("assessed").GetInt64());
        Assert.Equal(0, kind.GetProperty("collected").GetInt64());
        Assert.Equal(100_000, kind.GetProperty("outstanding").GetInt64());
        Assert.Equal(100_000, kind.GetProperty("overdue").GetInt64());
        Assert.Equal(0, kind.GetProperty("currentYearAssessed").GetInt64());
        Assert.Equal(100_000, kind.GetProperty("arrearsOutstanding").GetInt64());
    }

    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task ReportCollection_ArrearsPaidInYear_CarriedInBalanceAgainstCollectedSinceApril(StoreProvider provider)
    {
        await using var store = await SeedAsync(provider);
        // 30,000 of period 2 (100,000 of FY2025, due 2025-07-31) paid at the counter on 2026-06-01, in FY2026.
        var (pay, _, payErr) = await CliRunner.RunAsync(CliRunner.Clock(), "pay", "--notice-no", "2025020001", "--period", "2",
            "--amount", "30000", "--date", "2026-06-01", "--db", store.Store.ConnectionString);
        Assert.True(pay == 0, payErr);

        var (code, output, _) = await CliRunner.RunAsync(CliRunner.Clock(), "report", "collection", "--fiscal-year", "2026", "--json", "--db", store.Store.ConnectionString);

        Assert.Equal(0, code);
        var line = Assert.Single(JsonDocument.Parse(output).RootElement.GetProperty("lines").EnumerateArray());
        // 滞納繰越分 of 固定資産税 in FY2026: 100,000 carried in on 2026-04-01, 30,000 collected since, 70,000 owed:
        // 30,000 / 100,000 = 30.0%. (Period 1, settled in FY2025, is not part of the year.)
        Assert.Equal(("02", "arrears", 1), (line.GetProperty("taxKindCode").GetString(), line.GetProperty("bucket").GetString(), line.GetProperty("installments").GetInt32()));
        Assert.Equal((100_000L, 30_000L, 70_000L), (line.GetProperty("assessed").GetInt64(), line.GetProperty("collected").GetInt64(), line.GetProperty("balance").GetInt64()));
        Assert.Equal(30.0m, line.GetProperty("collectionRate").GetDecimal());

        // FY2025's own report, to its end: both periods assessed that year (200,000), 100,000 collected in it.
        var (_, fy2025, _) = await CliRunner.RunAsync(CliRunner.Clock(), "report", "collection", "--fiscal-year", "2025", "--as-of", "2026-03-31", "--json", "--db", store.Store.ConnectionString);
        var current = Assert.Single(JsonDocument.Parse(fy2025).RootElement.GetProperty("lines").EnumerateArray());
        Assert.Equal(("current", 200_000L, 100_000L, 100_000L), (current.GetProperty("bucket").GetString(), current.GetProperty("assessed").GetInt64(),
            current.GetProperty("collected").GetInt64(), current.GetProperty("balance").GetInt64()));
    }

    [Fact]
    public async Task Summary_StoreNotInitialised_RefusesWithDbInitHint()
    {
        var path = Path.Combine(Path.GetTempPath(), "choshu-empty-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            var (code, _, error) = await CliRunner.RunAsync(CliRunner.Clock(), "summary", "--db", $"Data Source={path}");
            Assert.Equal(2, code);
            Assert.Contains("choshu db init を実行してください", error);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }
}
