using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Choshu.Data;
using Choshu.Data.Assessments;
using Choshu.Data.Ledger;
using Choshu.Data.Taxpayers;
using Choshu.Domain.Assessments;
using Choshu.Domain.Ledger;
using Choshu.Formats.Barcodes;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;

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

    /// <summary>
    /// The canonical data record of the slip of <see cref="Slip_PartlyPaidOverdue_AmountToDeadline_BarcodeCheckedByHand"/>
    /// (its figures checked by hand there): the fields of <c>--json</c> but documentId, reprintOf and dataSha256, sorted
    /// by name, no spaces (docs/formats.md, 発行記録).
    /// </summary>
    private const string CanonicalSlip1234567 =
        "{\"amount\":46700,\"barcode\":\"91912345100000000000012345674126121000467001\",\"deadline\":\"2026-12-10\",\"dueDate\":\"2026-06-30\","
        + "\"elNumber\":\"00000000000012345674\",\"fiscalYear\":2026,\"issuedOn\":\"2026-11-26\",\"lateFee\":1600,\"lateFeeComputedTo\":\"2026-12-10\","
        + "\"lateFeeFinal\":false,\"matchKey\":\"00000000000012345674\",\"noticeNo\":\"2026010000123\",\"period\":1,\"principal\":45000,"
        + "\"reissueCount\":1,\"reminderFee\":100,\"taxKindCode\":\"01\",\"taxKindName\":\"市民税\"}";

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>What an auditor does with the --json output: drop the record's own fields, sort by name, no spaces.</summary>
    private static string CanonicalFromOutput(JsonElement json) =>
        "{" + string.Join(",", json.EnumerateObject()
            .Where(p => p.Name is not ("documentId" or "reprintOf" or "dataSha256"))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .Select(p => JsonSerializer.Serialize(p.Name) + ":" + (p.Value.ValueKind == JsonValueKind.String
                ? "\"" + p.Value.GetString() + "\"" // plain text here: digits, dates, 市民税
                : p.Value.GetRawText()))) + "}";

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Slip_Json_DocumentIdAndDataHashOfTheCanonicalRecord(StoreProvider provider)
    {
        await using var store = await SeedAsync(provider);

        var (code, output, error) = await Slip(store, "--notice-no", "2026010000123", "--period", "1", "--json");

        Assert.True(code == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal(1, json.GetProperty("documentId").GetInt64());
        Assert.Equal(JsonValueKind.Null, json.GetProperty("reprintOf").ValueKind);
        Assert.Equal(CanonicalSlip1234567, CanonicalFromOutput(json));
        var sha = Sha256(CanonicalSlip1234567);
        Assert.Equal("2983323626424ca36be653539f37489865f02d8068ffd33bab061efc43971e50", sha); // the worked example of docs/formats.md
        Assert.Equal(sha, json.GetProperty("dataSha256").GetString());
        await using (var db = store.Open())
        {
            var document = await db.IssuedDocuments.SingleAsync();
            Assert.Equal((1L, "slip", "reissued-slip", 1, (long?)1_234_567, sha), (document.Id, document.Kind, document.Template, document.TemplateVersion, document.InstallmentId, document.DataSha256));
            var audit = await db.AuditEvents.SingleAsync(e => e.Kind == Domain.Security.AuditEventKind.SlipIssued);
            Assert.StartsWith($"発行番号 1 種類=slip 様式=reissued-slip@1 データSHA-256={sha}: 通知書番号 2026010000123 第1期", audit.Detail);
        }

        var (_, text, _) = await Slip(store, "--notice-no", "2026010000123", "--period", "1");
        Assert.Contains("発行番号     2\n", text.ReplaceLineEndings("\n"));
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Slip_Reprint_SameDataPointsToTheOriginal_RefusedAfterAPayment(StoreProvider provider)
    {
        await using var store = await SeedAsync(provider);
        var (_, first, _) = await Slip(store, "--notice-no", "2026010000123", "--period", "1", "--json");
        var sha = JsonDocument.Parse(first).RootElement.GetProperty("dataSha256").GetString();

        var (code, output, error) = await Slip(store, "--reprint", "1", "--purpose", "汚損", "--json");

        Assert.True(code == 0, error);
        var json = JsonDocument.Parse(output).RootElement;
        Assert.Equal((2L, 1L, sha, 46_700L), (json.GetProperty("documentId").GetInt64(), json.GetProperty("reprintOf").GetInt64(),
            json.GetProperty("dataSha256").GetString(), json.GetProperty("amount").GetInt64()));
        var (_, text, _) = await Slip(store, "--reprint", "1");
        Assert.Contains("発行番号     3（発行番号 1 の再印刷）", text);

        // 5,000 paid on 2026-11-25 after the slip was issued: its amount is no longer what slip 1 says.
        await using (var db = store.Open())
        {
            db.JournalEntries.Add(new JournalEntry
            {
                InstallmentId = 1_234_567, Kind = JournalEntryKind.Payment, Component = LedgerComponent.Principal, Amount = -5_000,
                ValueDate = new DateOnly(2026, 11, 25), RecordedAtUtc = new DateTime(2026, 11, 26, 3, 0, 0, DateTimeKind.Utc), Actor = "test",
            });
            await db.SaveChangesAsync();
        }
        var (refused, none, message) = await Slip(store, "--reprint", "1");
        Assert.Equal(2, refused);
        Assert.Equal("", none);
        Assert.Contains("発行番号 1 の帳票の元データが発行後に変わっています", message);

        var (missing, _, notFound) = await Slip(store, "--reprint", "99");
        Assert.Equal(2, missing);
        Assert.Contains("発行番号 99 の発行記録はありません", notFound);
        var (both, _, usage) = await Slip(store, "--reprint", "1", "--notice-no", "2026010000123");
        Assert.Equal(2, both);
        Assert.Contains("--reprint では --notice-no", usage);
        await using (var db = store.Open())
            Assert.Equal(3, await db.IssuedDocuments.CountAsync());
    }
}
