using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Ledger;
using Choshu.Data.Taxpayers;
using Choshu.Domain.Assessments;
using Choshu.Domain.Ledger;
using Choshu.Domain.Security;
using Choshu.Domain.Taxpayers;
using Choshu.TestSupport;
using Microsoft.Extensions.Time.Testing;
using static Choshu.TestSupport.StaffSeed;

namespace Choshu.App.Tests.Releases;

/// <summary>
/// A small city for exports and transfers, every amount written by hand. Today 2026-11-26 12:00 JST.
/// <list type="bullet">
/// <item>1000000001 鹿児島 花子 (鹿児島県鹿児島市山下町 11-1). 市民税 2026 notice 2026010000001: period 1 due 2026-06-30
/// 60,000, 15,000 paid 2026-07-20; period 2 due 2026-08-31 45,000 paid 2026-08-31; period 3 due 2026-10-30 45,000
/// paid 2026-11-24; period 4 due 2027-01-04 45,000 unpaid. 固定資産税 2026 notice 2026020000001: period 1 due 2026-04-30
/// 100,000 paid 2026-04-30.</item>
/// <item>1000000002 谷山 次郎 (鹿児島県鹿児島市谷山中央 1-2-3 コーポ谷山101). 市民税 2026 notice 2026010000002: period 1 due
/// 2026-06-30 30,000; paid 30,000 on 2026-06-20, that payment reversed 2026-07-01, paid 30,000 again on 2026-07-15.
/// 市民税 2025 notice 2025010000002: period 1 due 2025-06-30 20,000 unpaid.</item>
/// </list>
/// Staff: 800001 ファイル出力担当, 100001 収納担当, 800002 ファイル出力担当 until 2026-11-25 (lapsed).
/// </summary>
public sealed class ReleaseFixture : IAsyncDisposable
{
    public static FakeTimeProvider Clock() => new(new DateTimeOffset(2026, 11, 26, 3, 0, 0, TimeSpan.Zero));

    public required TestStore Store { get; init; }
    public required Actor Exporter { get; init; }
    public required Actor Clerk { get; init; }
    public required Actor LapsedExporter { get; init; }
    public required string Dir { get; init; }

    public static async Task<ReleaseFixture> CreateAsync(StoreProvider provider)
    {
        var store = await TestStore.CreateAsync(provider);
        await using var db = store.Open();
        var t1 = await TaxpayerAsync(db, "1000000001", "鹿児島 花子", "鹿児島県鹿児島市山下町", "11-1", null);
        var t2 = await TaxpayerAsync(db, "1000000002", "谷山 次郎", "鹿児島県鹿児島市谷山中央", "1-2-3", "コーポ谷山101");
        var i1 = await LedgerSeed.AssessmentAsync(db, t1, TaxKindCodes.InhabitantTax, 2026, "2026010000001",
            new LedgerSeed.Inst(1, new DateOnly(2026, 6, 30), 60_000), new LedgerSeed.Inst(2, new DateOnly(2026, 8, 31), 45_000),
            new LedgerSeed.Inst(3, new DateOnly(2026, 10, 30), 45_000), new LedgerSeed.Inst(4, new DateOnly(2027, 1, 4), 45_000));
        var f1 = await LedgerSeed.AssessmentAsync(db, t1, TaxKindCodes.FixedAssetTax, 2026, "2026020000001", new LedgerSeed.Inst(1, new DateOnly(2026, 4, 30), 100_000));
        var i2 = await LedgerSeed.AssessmentAsync(db, t2, TaxKindCodes.InhabitantTax, 2026, "2026010000002", new LedgerSeed.Inst(1, new DateOnly(2026, 6, 30), 30_000));
        await LedgerSeed.AssessmentAsync(db, t2, TaxKindCodes.InhabitantTax, 2025, "2025010000002", new LedgerSeed.Inst(1, new DateOnly(2025, 6, 30), 20_000));
        Pay(db, i1[0], 15_000, new DateOnly(2026, 7, 20));
        Pay(db, i1[1], 45_000, new DateOnly(2026, 8, 31));
        Pay(db, i1[2], 45_000, new DateOnly(2026, 11, 24));
        Pay(db, f1[0], 100_000, new DateOnly(2026, 4, 30));
        var first = Pay(db, i2[0], 30_000, new DateOnly(2026, 6, 20));
        await db.SaveChangesAsync();
        db.JournalEntries.Add(new JournalEntry
        {
            InstallmentId = i2[0], Kind = JournalEntryKind.Reversal, Component = LedgerComponent.Principal, Amount = 30_000,
            ValueDate = new DateOnly(2026, 7, 1), RecordedAtUtc = LedgerSeed.NowUtc, Actor = "test", ReasonCode = "reversal", ReversesEntryId = first.Id,
        });
        Pay(db, i2[0], 30_000, new DateOnly(2026, 7, 15));
        await db.SaveChangesAsync();

        var exporter = await AddAsync(db, "800001", "出力 太郎", Holds(Role.Exporter));
        var clerk = await AddAsync(db, "100001", "収納 花子", Holds(Role.CollectionClerk));
        var lapsed = await AddAsync(db, "800002", "異動 次郎", new Grant(Role.Exporter, new DateOnly(2025, 4, 1), new DateOnly(2026, 11, 25)));
        var dir = Path.Combine(Path.GetTempPath(), "choshu-release-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return new ReleaseFixture { Store = store, Exporter = exporter, Clerk = clerk, LapsedExporter = lapsed, Dir = dir };
    }

    private static async Task<long> TaxpayerAsync(ChoshuDbContext db, string no, string name, string town, string street, string? supplement)
    {
        var t = new Taxpayer
        {
            TaxpayerNo = no,
            Facts = new TaxpayerFacts { NameKanji = name, NameKana = "テスト", TownName = town, StreetNumber = street, AddressSupplement = supplement, BirthDate = new DateOnly(1970, 1, 1), Sex = Sex.Female },
            HistorySeq = 1, EffectiveDate = new DateOnly(2020, 4, 1), CreatedAtUtc = LedgerSeed.NowUtc, UpdatedAtUtc = LedgerSeed.NowUtc,
        };
        db.Taxpayers.Add(t);
        await db.SaveChangesAsync();
        return t.Id;
    }

    private static JournalEntry Pay(ChoshuDbContext db, long installmentId, long amount, DateOnly on)
    {
        var e = new JournalEntry
        {
            InstallmentId = installmentId, Kind = JournalEntryKind.Payment, Component = LedgerComponent.Principal, Amount = -amount,
            ValueDate = on, RecordedAtUtc = LedgerSeed.NowUtc, Actor = "test", ReasonCode = "payment",
        };
        db.JournalEntries.Add(e);
        return e;
    }

    public string PathOf(string name) => System.IO.Path.Combine(Dir, name);

    /// <summary>The file's lines after the UTF-8 byte-order mark, split at CR LF (the last, empty, dropped).</summary>
    public static string[] Lines(byte[] bytes)
    {
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var text = System.Text.Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.EndsWith("\r\n", text);
        Assert.DoesNotContain("\n", text.Replace("\r\n", ""));
        return text[..^2].Split("\r\n");
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        if (Directory.Exists(Dir)) Directory.Delete(Dir, recursive: true);
    }
}
