using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Ledger;
using Choshu.Data.Payments;
using Choshu.Data.Taxpayers;
using Choshu.Domain.Assessments;
using Choshu.Domain.Ledger;
using Choshu.Domain.Reconciliation;
using Choshu.Domain.Security;
using Choshu.Domain.Taxpayers;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using static Choshu.TestSupport.StaffSeed;

namespace Choshu.App.Tests.Certificates;

/// <summary>
/// A small city for certificates, every amount written by hand. Today 2026-12-07 12:00 JST: the window starts with fiscal
/// year 2023 (the year containing 2023-12-07).
/// <list type="bullet">
/// <item>2000000001 田上 一郎 (鹿児島県鹿児島市田上 1-2-3). 市民税 2026 notice 2026010000011: period 1 due 2026-06-30 30,000
/// paid 2026-06-30; period 2 due 2026-08-31 25,000 unpaid. 固定資産税 2024 notice 2024020000011: period 1 due 2024-04-30
/// 40,000 paid 2024-04-30. 市民税 2022 notice 2022010000011: period 1 due 2022-06-30 20,000 paid 2022-06-30 (before the window).</item>
/// <item>2000000002 吉野 二郎 (鹿児島県鹿児島市吉野町 5-6). 軽自動車税 2026 notice 2026030000021, vehicle 鹿児島480あ1234:
/// period 1 due 2026-06-01 10,800 unpaid, with a store payment of 10,800 reported (速報) and not yet confirmed.</item>
/// </list>
/// Staff: 100001 収納担当 (may issue certificates), 800001 ファイル出力担当.
/// </summary>
public sealed class CertificateCity : IAsyncDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 12, 7, 3, 0, 0, TimeSpan.Zero);
    public static readonly DateOnly Today = new(2026, 12, 7);
    public const string Vehicle = "鹿児島480あ1234";

    public required TestStore Store { get; init; }
    public required Actor Clerk { get; init; }
    public required Actor Exporter { get; init; }
    public required long VehicleInstallment { get; init; }
    public required long CityTaxPeriod2 { get; init; }
    public required string Dir { get; init; }

    public static FakeTimeProvider Clock() => new(Now);

    public static async Task<CertificateCity> CreateAsync(StoreProvider provider)
    {
        var store = await TestStore.CreateAsync(provider);
        await using var db = store.Open();
        var t1 = await TaxpayerAsync(db, "2000000001", "田上 一郎", "鹿児島県鹿児島市田上", "1-2-3");
        var t2 = await TaxpayerAsync(db, "2000000002", "吉野 二郎", "鹿児島県鹿児島市吉野町", "5-6");
        var city = await LedgerSeed.AssessmentAsync(db, t1, TaxKindCodes.InhabitantTax, 2026, "2026010000011",
            new LedgerSeed.Inst(1, new DateOnly(2026, 6, 30), 30_000), new LedgerSeed.Inst(2, new DateOnly(2026, 8, 31), 25_000));
        var fixedAsset = await LedgerSeed.AssessmentAsync(db, t1, TaxKindCodes.FixedAssetTax, 2024, "2024020000011", new LedgerSeed.Inst(1, new DateOnly(2024, 4, 30), 40_000));
        var old = await LedgerSeed.AssessmentAsync(db, t1, TaxKindCodes.InhabitantTax, 2022, "2022010000011", new LedgerSeed.Inst(1, new DateOnly(2022, 6, 30), 20_000));
        var vehicle = await LedgerSeed.AssessmentAsync(db, t2, TaxKindCodes.LightVehicleTax, 2026, "2026030000021", new LedgerSeed.Inst(1, new DateOnly(2026, 6, 1), 10_800));
        var a = await db.Assessments.SingleAsync(x => x.NoticeNo == "2026030000021");
        a.VehicleNo = Vehicle;
        Pay(db, city[0], 30_000, new DateOnly(2026, 6, 30));
        Pay(db, fixedAsset[0], 40_000, new DateOnly(2024, 4, 30));
        Pay(db, old[0], 20_000, new DateOnly(2022, 6, 30));
        db.Payments.Add(new Payment
        {
            Channel = PaymentChannel.Store, Status = PaymentStatus.Pending, RawKey = "store", InstallmentId = vehicle[0], Amount = 10_800,
            PaidOn = Today, IdempotencyKey = "store:test:1", RawRecord = "test", Actor = "test", RecordedAtUtc = Now.UtcDateTime,
        });
        await db.SaveChangesAsync();
        var clerk = await AddAsync(db, "100001", "収納 花子", Holds(Role.CollectionClerk));
        var exporter = await AddAsync(db, "800001", "出力 太郎", Holds(Role.Exporter));
        var dir = Directory.CreateTempSubdirectory("choshu-certificates-").FullName;
        return new CertificateCity
        {
            Store = store, Clerk = clerk, Exporter = exporter, VehicleInstallment = vehicle[0], CityTaxPeriod2 = city[1], Dir = dir,
        };
    }

    /// <summary>The store payment of the vehicle confirmed (確報): booked as a payment of 10,800 dated today.</summary>
    public async Task ConfirmVehiclePaymentAsync()
    {
        await using var db = Store.Open();
        var p = await db.Payments.SingleAsync(x => x.InstallmentId == VehicleInstallment);
        p.Status = PaymentStatus.Booked;
        p.ReceivedOn = Today;
        Pay(db, VehicleInstallment, 10_800, Today);
        await db.SaveChangesAsync();
    }

    /// <summary>A payment of the city tax's period 2 (25,000), dated today.</summary>
    public async Task PayCityTaxPeriod2Async()
    {
        await using var db = Store.Open();
        Pay(db, CityTaxPeriod2, 25_000, Today);
        await db.SaveChangesAsync();
    }

    public static JournalEntry Pay(ChoshuDbContext db, long installmentId, long amount, DateOnly on)
    {
        var e = new JournalEntry
        {
            InstallmentId = installmentId, Kind = JournalEntryKind.Payment, Component = LedgerComponent.Principal, Amount = -amount,
            ValueDate = on, RecordedAtUtc = LedgerSeed.NowUtc, Actor = "test", ReasonCode = "payment",
        };
        db.JournalEntries.Add(e);
        return e;
    }

    private static async Task<long> TaxpayerAsync(ChoshuDbContext db, string no, string name, string town, string street)
    {
        var t = new Taxpayer
        {
            TaxpayerNo = no,
            Facts = new TaxpayerFacts { NameKanji = name, NameKana = "テスト", TownName = town, StreetNumber = street, BirthDate = new DateOnly(1970, 1, 1), Sex = Sex.Male },
            HistorySeq = 1, EffectiveDate = new DateOnly(2020, 4, 1), CreatedAtUtc = LedgerSeed.NowUtc, UpdatedAtUtc = LedgerSeed.NowUtc,
        };
        db.Taxpayers.Add(t);
        await db.SaveChangesAsync();
        return t.Id;
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        if (Directory.Exists(Dir)) Directory.Delete(Dir, recursive: true);
    }
}
