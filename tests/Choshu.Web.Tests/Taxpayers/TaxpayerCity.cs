using System.Text;
using Choshu.App.Privacy;
using Choshu.App.Reconciliation;
using Choshu.Data;
using Choshu.Data.Payments;
using Choshu.Data.Taxpayers;
using Choshu.Domain.Assessments;
using Choshu.Domain.Identifiers;
using Choshu.Domain.Taxpayers;
using Choshu.Formats.Zengin;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using static Choshu.TestSupport.PaymentFiles;

namespace Choshu.Web.Tests.Taxpayers;

/// <summary>
/// The taxpayers of the taxpayer-screen tests, every amount written by hand (today 2026-11-26):
/// <list type="bullet">
/// <item>1000000001 鹿児島 花子 (カゴシマ ハナコ), born 1980-04-01 (昭和55年4月1日), 〒892-0816 鹿児島県鹿児島市山下町 11-1,
/// My Number on file (sealed under the store's key), 納税管理人 1000000009 霧島 一郎 since 2025-04-01.
///   <list type="bullet">
///   <item>市民税 2026 通知書番号 2026010001: 第1期 12,300 due 2026-06-30, paid 5,000 at a convenience store on 2026-07-10
///   (収入日 2026-07-16) → 7,300 unpaid; 第2期 12,000 due 2026-08-31, its direct debit failed that day (1 資金不足).
///   Direct debit for 市民税 from 2026-04-01: bank 0123, branch 456, 普通 1234567 (shown ****567), ｶｺﾞｼﾏ ﾊﾅｺ.</item>
///   <item>固定資産税 2026 通知書番号 2026020001: 第1期 300,000 due 2026-04-30, unpaid, 督促 2026-05-20 (fee 100);
///   第2期 100,000 due 2026-12-28 (not yet due).</item>
///   <item>軽自動車税 2026 通知書番号 2026030001: 第1期 10,800 due 2026-06-01, paid at the bank on 2026-05-20 (収入日 05-22)
///   and again on 2026-05-25 (収入日 05-27) → 10,800 二重納付.</item>
///   </list></item>
/// <item>1000000002 薩摩 太郎, kana stored in hiragana (さつま たろう), born 1975-01-15.</item>
/// <item>1000000003 桜島 次郎: 市民税 2026 通知書番号 2026010003 第1期 20,000 due 2026-06-30; 20,000 paid at the bank on
/// 2026-06-20 (収入日 06-22), booked, then reversed (誤消込のため) → back in the unmatched queue, 20,000 unpaid.</item>
/// <item>鹿児島 花子's 電話番号 099-224-1111.</item>
/// <item>1000000200 株式会社 錦江物産 (キンコウブッサン), a corporation with its 法人番号 (<see cref="CorporationNumber"/>) and 電話番号 099-226-5555, nothing assessed.</item>
/// <item>1000000101–1000000123: 23 people named ヤマダ (山田 01 … 山田 23), for paging.</item>
/// </list>
/// </summary>
public static class TaxpayerCity
{
    public const string HanakoNo = "1000000001";
    public const string TaroNo = "1000000002";
    public const string AgentNo = "1000000009";
    public const string JiroNo = "1000000003";
    public const int Yamadas = 23;
    public const string HanakoPhone = "099-224-1111";
    public const string CorporationNo = "1000000200";

    /// <summary>株式会社 錦江物産's 法人番号: the check digit and the 12 digits it is computed from.</summary>
    public static readonly string CorporationNumber = CorporateNumber.ComputeCheckDigit("700012345678") + "700012345678";

    /// <summary>鹿児島 花子's My Number: 11 digits and the check digit computed from them.</summary>
    public static readonly string HanakoMyNumber = "48217395106" + MyNumber.ComputeCheckDigit("48217395106");

    /// <summary>The same, as the page groups it.</summary>
    public static string HanakoMyNumberGrouped => $"{HanakoMyNumber[..4]} {HanakoMyNumber[4..8]} {HanakoMyNumber[8..]}";

    public static readonly DateTime NowUtc = new(2026, 11, 26, 3, 0, 0, DateTimeKind.Utc);

    /// <summary>Seeds the city; returns 鹿児島 花子's taxpayer id (for audit records).</summary>
    public static async Task<long> SeedAsync(TestStore store, TimeProvider clock)
    {
        long hanakoId;
        long[] inhabitant, fixedAsset, vehicle;
        long jiroInstallment;
        await using (var db = store.Open())
        {
            var hanako = Person(HanakoNo, "鹿児島 花子", "カゴシマ ハナコ", new DateOnly(1980, 4, 1), Sex.Female, "8920816", "鹿児島県鹿児島市山下町", "11-1");
            var agent = Person(AgentNo, "霧島 一郎", "キリシマ イチロウ", new DateOnly(1960, 10, 10), Sex.Male, "8994332", "鹿児島県霧島市国分中央", "3-45-1");
            var taro = Person(TaroNo, "薩摩　太郎", "さつま　たろう", new DateOnly(1975, 1, 15), Sex.Male, "8920842", "鹿児島県鹿児島市東千石町", "1-1");
            var jiro = Person(JiroNo, "桜島 次郎", "サクラジマ ジロウ", new DateOnly(1985, 12, 1), Sex.Male, "8920001", "鹿児島県鹿児島市桜島横山町", "1");
            var corporation = new Taxpayer
            {
                TaxpayerNo = CorporationNo, CorporateNumber = CorporationNumber,
                Facts = new TaxpayerFacts
                {
                    PersonKind = PersonKind.Corporation, NameKanji = "株式会社 錦江物産", NameKana = "キンコウブッサン", PostalCode = "8920822",
                    TownName = "鹿児島県鹿児島市泉町", StreetNumber = "2-3", RepresentativeTitle = "代表取締役", RepresentativeName = "錦江 太一",
                    PhoneNumber = "099-226-5555",
                },
                HistorySeq = 1, EffectiveDate = new DateOnly(2020, 4, 1), CreatedAtUtc = NowUtc, UpdatedAtUtc = NowUtc,
            };
            db.Taxpayers.AddRange(hanako, agent, taro, jiro, corporation);
            for (var i = 1; i <= Yamadas; i++)
                db.Taxpayers.Add(Person($"10000001{i:00}", $"山田 {i:00}", "ヤマダ タロウ", new DateOnly(1970, 1, i), Sex.Male, "8900001", "鹿児島県鹿児島市上町", $"{i}-1"));
            await db.SaveChangesAsync();
            hanakoId = hanako.Id;

            var row = new TaxpayerMyNumber { TaxpayerId = hanako.Id, UpdatedAtUtc = NowUtc };
            MyNumberVault.Open(store.Store).Seal(row, MyNumber.Parse(HanakoMyNumber));
            db.TaxpayerMyNumbers.Add(row);
            db.TaxAgents.Add(new TaxAgent
            {
                TaxpayerId = hanako.Id, AgentTaxpayerId = agent.Id, AgentKind = 1, RegisteredOn = new DateOnly(2025, 4, 1),
                Reason = "長期出張", RecordedBy = "test", RecordedAtUtc = NowUtc,
            });
            db.DirectDebitAccounts.Add(new DirectDebitAccount
            {
                TaxpayerId = hanako.Id, TaxKindCode = TaxKindCodes.InhabitantTax, BankCode = "0123", BranchCode = "456", AccountType = 1,
                AccountNo = "1234567", HolderKana = "ｶｺﾞｼﾏ ﾊﾅｺ", StartsOn = new DateOnly(2026, 4, 1), RecordedAtUtc = NowUtc,
            });
            await db.SaveChangesAsync();

            inhabitant = await LedgerSeed.AssessmentAsync(db, hanako.Id, TaxKindCodes.InhabitantTax, 2026, "2026010001",
                new LedgerSeed.Inst(1, new DateOnly(2026, 6, 30), 12_300), new LedgerSeed.Inst(2, new DateOnly(2026, 8, 31), 12_000));
            fixedAsset = await LedgerSeed.AssessmentAsync(db, hanako.Id, TaxKindCodes.FixedAssetTax, 2026, "2026020001",
                new LedgerSeed.Inst(1, new DateOnly(2026, 4, 30), 300_000), new LedgerSeed.Inst(2, new DateOnly(2026, 12, 28), 100_000));
            vehicle = await LedgerSeed.AssessmentAsync(db, hanako.Id, TaxKindCodes.LightVehicleTax, 2026, "2026030001",
                new LedgerSeed.Inst(1, new DateOnly(2026, 6, 1), 10_800));
            await LedgerSeed.ReminderFeeAsync(db, fixedAsset[0], 100, new DateOnly(2026, 5, 20));
            jiroInstallment = (await LedgerSeed.AssessmentAsync(db, jiro.Id, TaxKindCodes.InhabitantTax, 2026, "2026010003",
                new LedgerSeed.Inst(1, new DateOnly(2026, 6, 30), 20_000)))[0];
        }

        var dir = Directory.CreateTempSubdirectory("choshu-web-taxpayers-").FullName;
        try
        {
            var import = new PaymentImport(store.Store, clock);
            string Write(string name, IEnumerable<string> lines)
            {
                var path = Path.Combine(dir, name);
                File.WriteAllText(path, string.Join("\r\n", lines) + "\r\n", new UTF8Encoding(false));
                return path;
            }
            var store1 = await import.RunAsync(new PaymentImportRequest(Write("store.csv", Store(
                [new StoreLine('2', "R0001", Barcode(inhabitant[0], 5_000, new DateOnly(2026, 7, 31)), 5_000, new DateTime(2026, 7, 10, 14, 5, 0), new DateOnly(2026, 7, 16))])),
                "store", "test:taxpayers"));
            var bank = await import.RunAsync(new PaymentImportRequest(Write("bank.csv", Bank(
                [
                    new BankLine("10001", Key(vehicle[0]), 10_800, new DateOnly(2026, 5, 20), new DateOnly(2026, 5, 22)),
                    new BankLine("10002", Key(vehicle[0]), 10_800, new DateOnly(2026, 5, 25), new DateOnly(2026, 5, 27)),
                    new BankLine("10003", Key(jiroInstallment), 20_000, new DateOnly(2026, 6, 20), new DateOnly(2026, 6, 22)),
                ])), "bank", "test:taxpayers"));
            var zengin = Path.Combine(dir, "result.txt");
            File.WriteAllBytes(zengin, ZenginResult(new ZenginHeader("1234567890", "ｶｺﾞｼﾏｼ", 8, 31, "0123", "ｻﾝﾌﾟﾙｷﾞﾝｺｳ", "001", "ﾎﾝﾃﾝ", 1, "1234567"),
                [new ZenginResultLine(Key(inhabitant[1]), 12_000, ZenginResultCode.InsufficientFunds)]));
            var debit = await import.RunAsync(new PaymentImportRequest(zengin, "zengin", "test:taxpayers", DebitYear: 2026));
            // The seed is what the tests' hand-written figures assume: fail loudly if a file was not booked as planned.
            Assert.Equal((1, 3, 1, 1), (store1.Booked, bank.Booked, bank.Overpaid, debit.DebitFailures));
            long jiroPayment;
            await using (var db = store.Open())
                jiroPayment = await db.Payments.Where(p => p.InstallmentId == jiroInstallment).Select(p => p.Id).SingleAsync();
            await new PaymentCorrections(store.Store, clock, "test:taxpayers").ReverseAsync(jiroPayment, "誤消込のため", default);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
        return hanakoId;
    }

    private static Taxpayer Person(string no, string kanji, string kana, DateOnly birth, Sex sex, string postal, string town, string street) => new()
    {
        TaxpayerNo = no,
        Facts = new TaxpayerFacts
        {
            NameKanji = kanji, NameKana = kana, BirthDate = birth, Sex = sex, PostalCode = postal, TownName = town, StreetNumber = street,
            HouseholdNo = no == HanakoNo ? "2000000001" : null,
            PhoneNumber = no == HanakoNo ? HanakoPhone : null,
        },
        HistorySeq = 1, EffectiveDate = new DateOnly(2020, 4, 1), CreatedAtUtc = NowUtc, UpdatedAtUtc = NowUtc,
    };
}

/// <summary>The web app on a store holding <see cref="TaxpayerCity"/> (one per test class).</summary>
public sealed class TaxpayerWebFixture : IAsyncLifetime
{
    public WebFixture Web { get; } = new();

    /// <summary>鹿児島 花子's taxpayer id.</summary>
    public long HanakoId { get; private set; }

    public async Task InitializeAsync()
    {
        await Web.InitializeAsync();
        HanakoId = await TaxpayerCity.SeedAsync(Web.Store, Web.Clock);
    }

    public Task DisposeAsync() => Web.DisposeAsync();
}
