using System.Text.Json;
using Choshu.Data;
using Choshu.Data.Assessments;
using Choshu.Data.Ledger;
using Choshu.Data.Taxpayers;
using Choshu.Domain.Assessments;
using Choshu.Domain.Ledger;
using Choshu.Formats.Barcodes;
using Choshu.TestSupport;

namespace Choshu.Cli.Tests;

/// <summary>
/// <c>choshu slip</c> (再発行納付書) on one taxpayer, today 2026-11-26 (JST), default settings (store biller
/// code 912345, slip valid 14 days). Installments carry fixed ids so their 消込番号 can be checked by hand:
/// <list type="bullet">
/// <item>市民税 2026, notice 2026010000123: period 1 (id 1234567) due Tue 2026-06-30, principal 60,000,
/// 15,000 paid 2026-07-20, reminder fee 100 charged 2026-07-15; period 2 (id 1234568) due Mon 2026-08-31,
/// 45,000 paid in full on its due date.</item>
/// <item>固定資産税 2026, notice 2026020000456: period 1 (id 1234570) due Thu 2026-04-30, principal 290,000, unpaid.</item>
/// <item>Notice 2026990000001 exists twice: 市民税 2025 period 1 (id 1234580) and 固定資産税 2026 period 1
/// (id 1234581), 10,000 each, due 2026-12-25, unpaid.</item>
/// </list>
/// </summary>
public sealed class SlipCommandTests
{
    public static TheoryData<StoreProvider> Providers => new() { StoreProvider.Sqlite, StoreProvider.Postgres };

    private static async Task<TestStore> SeedAsync(StoreProvider provider)
    {
        var store = await TestStore.CreateAsync(provider);
        await using var db = store.Open();
        var now = new DateTime(2026, 11, 26, 3, 0, 0, DateTimeKind.Utc);
        var t = new Taxpayer
        {
            TaxpayerNo = "1000000001",
            Facts = new TaxpayerFacts { NameKanji = "鹿児島　花子", NameKana = "カゴシマ　ハナコ", TownName = "鹿児島県鹿児島市山下町", StreetNumber = "11-1" },
            HistorySeq = 1, EffectiveDate = new DateOnly(2020, 4, 1), CreatedAtUtc = now, UpdatedAtUtc = now,
        };
        db.Taxpayers.Add(t);
        await db.SaveChangesAsync();

        Assessment Assessment(string kind, int year, string noticeNo, params Installment[] installments) => new()
        {
            TaxpayerId = t.Id, TaxKindCode = kind, FiscalYear = year, LiabilityYear = year, NoticeNo = noticeNo, CreatedAtUtc = now,
            Installments = [.. installments],
        };
        Installment Installment(long id, short period, DateOnly due) => new() { Id = id, Period = period, NominalDueDate = due, DueDate = due, StatutoryDueDate = due };
        db.Assessments.AddRange(
            Assessment(TaxKindCodes.InhabitantTax, 2026, "2026010000123",
                Installment(1_234_567, 1, new DateOnly(2026, 6, 30)), Installment(1_234_568, 2, new DateOnly(2026, 8, 31))),
            Assessment(TaxKindCodes.FixedAssetTax, 2026, "2026020000456", Installment(1_234_570, 1, new DateOnly(2026, 4, 30))),
            Assessment(TaxKindCodes.InhabitantTax, 2025, "2026990000001", Installment(1_234_580, 1, new DateOnly(2026, 12, 25))),
            Assessment(TaxKindCodes.FixedAssetTax, 2026, "2026990000001", Installment(1_234_581, 1, new DateOnly(2026, 12, 25))));
        await db.SaveChangesAsync();

        JournalEntry Entry(long installmentId, JournalEntryKind kind, LedgerComponent component, long amount, DateOnly on) => new()
        {
            InstallmentId = installmentId, Kind = kind, Component = component, Amount = amount, ValueDate = on, RecordedAtUtc = now, Actor = "test",
        };
        db.JournalEntries.AddRange(
            Entry(1_234_567, JournalEntryKind.Charge, LedgerComponent.Principal, 60_000, new DateOnly(2026, 6, 10)),
            Entry(1_234_567, JournalEntryKind.Charge, LedgerComponent.ReminderFee, 100, new DateOnly(2026, 7, 15)),
            Entry(1_234_567, JournalEntryKind.Payment, LedgerComponent.Principal, -15_000, new DateOnly(2026, 7, 20)),
            Entry(1_234_568, JournalEntryKind.Charge, LedgerComponent.Principal, 45_000, new DateOnly(2026, 6, 10)),
            Entry(1_234_568, JournalEntryKind.Payment, LedgerComponent.Principal, -45_000, new DateOnly(2026, 8, 31)),
            Entry(1_234_570, JournalEntryKind.Charge, LedgerComponent.Principal, 290_000, new DateOnly(2026, 4, 1)),
            Entry(1_234_580, JournalEntryKind.Charge, LedgerComponent.Principal, 10_000, new DateOnly(2026, 11, 1)),
            Entry(1_234_581, JournalEntryKind.Charge, LedgerComponent.Principal, 10_000, new DateOnly(2026, 11, 1)));
        await db.SaveChangesAsync();
        return store;
    }

    private static Task<(int ExitCode, string Out, string Err)> Slip(TestStore store, params string[] args) =>
        CliRunner.RunAsync(CliRunner.Clock(), ["slip", .. args, "--db", store.Store.ConnectionString]);

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Slip_PartlyPaidOverdue_AmountToDeadline_BarcodeCheckedByHand(StoreProvider provider)
    {
        await using var store = await SeedAsync(provider);

        var (code, output, error) = await Slip(store, "--notice-no", "2026010000123", "--period", "1", "--json");

        Assert.True(code == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        // Deadline: issued Thu 2026-11-26 + 14 days = Thu 2026-12-10, an open day.
        Assert.Equal("2026-12-10", json.GetProperty("deadline").GetString());
        Assert.Equal(45_000, json.GetProperty("principal").GetInt64());    // 60,000 − 15,000
        Assert.Equal(100, json.GetProperty("reminderFee").GetInt64());
        // Late fee if paid on the deadline (due Tue 2026-06-30; one month after 07-01 ends 07-31; 2026: 2.8% / 9.1%):
        //   2026-07-01..07-20   20 days  60,000 × 2.8% × 20/365  =    92.05 →    92
        //   2026-07-21..07-31   11 days  45,000 × 2.8% × 11/365  =    37.97 →    37
        //   2026-08-01..12-10  132 days  45,000 × 9.1% × 132/365 = 1,480.93 → 1,480
        //   1,609 → 1,600 (truncated to the 100 yen; not final, the principal is unpaid)
        Assert.Equal(1_600, json.GetProperty("lateFee").GetInt64());
        Assert.False(json.GetProperty("lateFeeFinal").GetBoolean());
        Assert.Equal("2026-12-10", json.GetProperty("lateFeeComputedTo").GetString());
        Assert.Equal(46_700, json.GetProperty("amount").GetInt64());       // 45,000 + 100 + 1,600
        // 消込番号: installment 1234567 as 19 digits, then Luhn: from the right 7→14→5, 6, 5→10→1, 4, 3→6, 2, 1→2:
        // 5+6+1+4+6+2+2 = 26, check (10 − 6) mod 10 = 4.
        Assert.Equal("00000000000012345674", json.GetProperty("matchKey").GetString());
        Assert.Equal("00000000000012345674", json.GetProperty("elNumber").GetString());
        // Barcode: 91 | 912345 | 1 00000000000012345674 | reissue 1 | 261210 | stamp 0 | 046700 | check.
        // Weight 3 on the 1st, 3rd, …, 43rd digit: 9+9+2+4 (AI, biller) + 1+2+4+6+4 (free field) + 2+1+1 (deadline)
        //   + 0 (stamp) + 4+7+0 (amount) = 56;
        // weight 1 on the 2nd, …, 42nd: 1+1+3+5 + 1+3+5+7 + 1 (reissue) + 6+2+0 + 0+6+0 = 41;
        // C = 3 × 56 + 41 = 209, check = (10 − 9) mod 10 = 1.
        var barcode = json.GetProperty("barcode").GetString()!;
        Assert.Equal("91912345100000000000012345674126121000467001", barcode);
        Assert.Equal(1, StoreBarcode.ComputeCheckDigit(barcode.AsSpan(0, 43)));
        Assert.Equal(1, json.GetProperty("reissueCount").GetInt32());
        Assert.Equal(46_700, StoreBarcode.Parse(barcode).Amount);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Slip_Text_ShowsTheFiguresInJapanese(StoreProvider provider)
    {
        await using var store = await SeedAsync(provider);

        var (code, output, _) = await Slip(store, "--notice-no", "2026010000123", "--period", "1");

        Assert.Equal(0, code);
        Assert.Contains("2026年度 市民税（01） 通知書番号 2026010000123 第1期", output);
        Assert.Contains("46,700 円", output);
        Assert.Contains("支払期限     2026-12-10（発行日 2026-11-26）", output);
        Assert.Contains("eL番号       00000000000012345674", output);
        Assert.Contains("バーコード   91912345100000000000012345674126121000467001", output);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Slip_LateFeeTakesAmountAbove300000_NoBarcode(StoreProvider provider)
    {
        await using var store = await SeedAsync(provider);

        var (code, output, error) = await Slip(store, "--notice-no", "2026020000456", "--period", "1", "--json");

        Assert.True(code == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        // 290,000 due Thu 2026-04-30, unpaid, to the deadline Thu 2026-12-10:
        //   2026-05-01..05-31   31 days  290,000 × 2.8% × 31/365  =    689.64 →    689
        //   2026-06-01..12-10  193 days  290,000 × 9.1% × 193/365 = 13,954.16 → 13,954
        //   14,643 → 14,600; amount 304,600 > 300,000: no barcode, though the principal alone is under the limit.
        Assert.Equal(290_000, json.GetProperty("principal").GetInt64());
        Assert.Equal(14_600, json.GetProperty("lateFee").GetInt64());
        Assert.Equal(304_600, json.GetProperty("amount").GetInt64());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("barcode").ValueKind);
        // The 消込番号 and eL番号 are still given: the slip is paid at a bank or through eLTAX.
        Assert.Equal(20, json.GetProperty("elNumber").GetString()!.Length);

        var (_, text, _) = await Slip(store, "--notice-no", "2026020000456", "--period", "1");
        Assert.Contains("バーコード   なし: 合計が 300,000 円を超えるため、コンビニエンスストアでは納付できません", text);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Slip_PaidInFullOnTime_RefusedNothingOwed(StoreProvider provider)
    {
        await using var store = await SeedAsync(provider);

        var (code, output, error) = await Slip(store, "--notice-no", "2026010000123", "--period", "2");

        Assert.Equal(2, code);
        Assert.Equal("", output);
        Assert.Contains("未納額がありません", error);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Slip_DeadlineOnHoliday_MovesToNextOpenDay(StoreProvider provider)
    {
        await using var store = await SeedAsync(provider);

        var (code, output, error) = await Slip(store, "--notice-no", "2026010000123", "--period", "1", "--as-of", "2026-11-09", "--json");

        Assert.True(code == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        // Mon 2026-11-09 + 14 days = Mon 2026-11-23, 勤労感謝の日 → Tue 2026-11-24.
        Assert.Equal("2026-11-24", json.GetProperty("deadline").GetString());
        Assert.Equal("2026-11-09", json.GetProperty("issuedOn").GetString());
        // Late fee to 11-24: 92 + 37 (as above) + 2026-08-01..11-24 116 days 45,000 × 9.1% × 116/365 = 1,301.42 → 1,301;
        // 1,430 → 1,400. Amount 45,000 + 100 + 1,400 = 46,500.
        Assert.Equal(1_400, json.GetProperty("lateFee").GetInt64());
        Assert.Equal(46_500, json.GetProperty("amount").GetInt64());
        var barcode = StoreBarcode.Parse(json.GetProperty("barcode").GetString()!);
        Assert.Equal(new DateOnly(2026, 11, 24), barcode.Deadline);
        Assert.Equal(46_500, barcode.Amount);

        var (_, text, _) = await Slip(store, "--notice-no", "2026010000123", "--period", "1", "--as-of", "2026-11-09");
        Assert.Contains("支払期限     2026-11-24（発行日 2026-11-09。2026-11-23 は休日のため繰下げ）", text);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Slip_NoticeNoInTwoTaxKinds_AsksForTaxKindThenIssues(StoreProvider provider)
    {
        await using var store = await SeedAsync(provider);

        var (code, _, error) = await Slip(store, "--notice-no", "2026990000001", "--period", "1");

        Assert.Equal(2, code);
        Assert.Contains("--tax-kind", error);
        Assert.Contains("--fiscal-year", error);

        var (again, output, _) = await Slip(store, "--notice-no", "2026990000001", "--period", "1", "--tax-kind", "02", "--json");
        Assert.Equal(0, again);
        var json = JsonDocument.Parse(output).RootElement;
        // Not yet due (2026-12-25 after the deadline 2026-12-10): principal only, no late fee.
        Assert.Equal("02", json.GetProperty("taxKindCode").GetString());
        Assert.Equal(10_000, json.GetProperty("amount").GetInt64());
        Assert.Equal(0, json.GetProperty("lateFee").GetInt64());
        Assert.Equal(new Domain.Reconciliation.MatchKey(1_234_581).Value, json.GetProperty("matchKey").GetString());
    }
}
