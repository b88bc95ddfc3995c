using Choshu.App.Privacy;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Assessments;
using Choshu.Data.Security;
using Choshu.Data.Taxpayers;
using Choshu.Domain.Assessments;
using Choshu.Domain.Identifiers;
using Choshu.Domain.Security;
using Choshu.Domain.Taxpayers;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Choshu.App.Tests.Privacy;

/// <summary>
/// A store for the personal-data gate: today is Tue 2026-11-17 10:00 JST. Taxpayers:
/// 1000000001 鹿児島 花子 (カゴシマ ハナコ, born 1980-04-01, 鹿児島県鹿児島市山下町 11-1, notice 2025020001,
/// My Number sealed under the store's key), 1000000002 薩摩 太郎 (kana stored in hiragana さつま たろう,
/// born 1975-01-15, 鹿児島県鹿児島市東千石町 1-1), 1000000003 山田 花子 (ヤマダ ハナコ, 霧島市).
/// Accounts (all valid from 2020-04-01): C001 収納担当, M001 個人番号利用事務担当, K001 委託業者 together
/// with 個人番号利用事務担当 (a contractor never sees one), L001 収納担当 until 2026-11-16 (lapsed
/// today), N001 no rights, S001 セキュリティ責任者.
/// </summary>
public sealed class GateFixture : IAsyncDisposable
{
    /// <summary>Tue 2026-11-17 10:00 JST.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 17, 1, 0, 0, TimeSpan.Zero);

    public const string HanakoNo = "1000000001";
    public const string TaroNo = "1000000002";
    public const string YamadaNo = "1000000003";

    private GateFixture(TestStore store, FakeTimeProvider clock, MyNumberVault vault)
    {
        Store = store;
        Clock = clock;
        Vault = vault;
    }

    public TestStore Store { get; }
    public FakeTimeProvider Clock { get; }
    public MyNumberVault Vault { get; }
    public Dictionary<string, long> TaxpayerIds { get; } = [];
    public Dictionary<string, long> Accounts { get; } = [];

    /// <summary>鹿児島 花子's My Number: 11 digits and the check digit computed from them.</summary>
    public static readonly string HanakoMyNumber = WithCheckDigit("48217395106");

    /// <summary>A valid My Number no taxpayer has.</summary>
    public static readonly string UnknownMyNumber = WithCheckDigit("73920481562");

    public static string WithCheckDigit(string first11) => first11 + MyNumber.ComputeCheckDigit(first11);

    public static async Task<GateFixture> CreateAsync(StoreProvider provider)
    {
        var store = await TestStore.CreateAsync(provider);
        var f = new GateFixture(store, new FakeTimeProvider(Now), MyNumberVault.Open(store.Store));
        await f.SeedAsync();
        return f;
    }

    public ChoshuDbContext Open() => Store.Open();

    public PersonalDataGate Gate(ChoshuDbContext db) => new(db, Clock, Vault);

    public Actor Staff(string staffNo, long? sessionId = null) => Actor.Staff(Accounts[staffNo], staffNo, "10.0.0.7", sessionId);

    /// <summary>An open session of the account, re-authenticated at <paramref name="reauthenticatedAt"/> (null: never).</summary>
    public async Task<long> SessionAsync(string staffNo, DateTimeOffset? reauthenticatedAt, DateTime? endedAtUtc = null)
    {
        await using var db = Open();
        var s = new StaffSession
        {
            AccountId = Accounts[staffNo], TokenHash = Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N"), Terminal = "10.0.0.7",
            CreatedAtUtc = Now.UtcDateTime.AddHours(-1), LastSeenAtUtc = Now.UtcDateTime,
            ReauthenticatedAtUtc = reauthenticatedAt?.UtcDateTime, EndedAtUtc = endedAtUtc,
        };
        db.StaffSessions.Add(s);
        await db.SaveChangesAsync();
        return s.Id;
    }

    public async Task<List<AuditEvent>> EventsAsync()
    {
        await using var db = Open();
        return await db.AuditEvents.AsNoTracking().OrderBy(e => e.Id).ToListAsync();
    }

    private async Task SeedAsync()
    {
        await using var db = Open();
        var now = Now.UtcDateTime;
        Taxpayer Add(string no, string kanji, string kana, DateOnly birth, string town, string street) => new()
        {
            TaxpayerNo = no,
            Facts = new TaxpayerFacts { NameKanji = kanji, NameKana = kana, BirthDate = birth, Sex = Sex.Female, PostalCode = "8920816", TownName = town, StreetNumber = street },
            HistorySeq = 1, EffectiveDate = new DateOnly(2020, 4, 1), CreatedAtUtc = now, UpdatedAtUtc = now,
        };
        var hanako = Add(HanakoNo, "鹿児島 花子", "カゴシマ ハナコ", new DateOnly(1980, 4, 1), "鹿児島県鹿児島市山下町", "11-1");
        var taro = Add(TaroNo, "薩摩　太郎", "さつま　たろう", new DateOnly(1975, 1, 15), "鹿児島県鹿児島市東千石町", "1-1");
        var yamada = Add(YamadaNo, "山田 花子", "ヤマダ ハナコ", new DateOnly(1990, 7, 7), "鹿児島県霧島市国分中央", "3-45-1");
        db.Taxpayers.AddRange(hanako, taro, yamada);
        await db.SaveChangesAsync();
        TaxpayerIds[HanakoNo] = hanako.Id;
        TaxpayerIds[TaroNo] = taro.Id;
        TaxpayerIds[YamadaNo] = yamada.Id;

        var row = new TaxpayerMyNumber { TaxpayerId = hanako.Id, UpdatedAtUtc = now };
        Vault.Seal(row, MyNumber.Parse(HanakoMyNumber));
        db.TaxpayerMyNumbers.Add(row);
        db.Assessments.Add(new Assessment
        {
            TaxpayerId = hanako.Id, TaxKindCode = TaxKindCodes.FixedAssetTax, FiscalYear = 2025, LiabilityYear = 2025, NoticeNo = "2025020001", CreatedAtUtc = now,
            Installments = [new Installment { Period = 1, NominalDueDate = new DateOnly(2025, 4, 30), DueDate = new DateOnly(2025, 4, 30), StatutoryDueDate = new DateOnly(2025, 4, 30) }],
        });
        await db.SaveChangesAsync();

        await AccountAsync(db, "C001", (Role.CollectionClerk, null));
        await AccountAsync(db, "M001", (Role.MyNumberClerk, null));
        await AccountAsync(db, "K001", (Role.Contractor, null), (Role.MyNumberClerk, null));
        await AccountAsync(db, "L001", (Role.CollectionClerk, new DateOnly(2026, 11, 16)));
        await AccountAsync(db, "N001");
        await AccountAsync(db, "S001", (Role.SecurityOfficer, null));
    }

    private async Task AccountAsync(ChoshuDbContext db, string staffNo, params (Role Role, DateOnly? To)[] grants)
    {
        var now = Now.UtcDateTime;
        var a = new StaffAccount
        {
            StaffNo = staffNo, UserName = staffNo, NormalizedUserName = staffNo, FullName = "職員 " + staffNo, DepartmentCode = "0310", SectionCode = "01",
            ValidFrom = new DateOnly(2020, 4, 1), CreatedAtUtc = now, CreatedBy = "test", SecurityStamp = Guid.NewGuid().ToString("N"),
        };
        db.StaffAccounts.Add(a);
        await db.SaveChangesAsync();
        foreach (var (role, to) in grants)
            db.RoleGrants.Add(new RoleGrant { AccountId = a.Id, Role = role, ValidFrom = new DateOnly(2020, 4, 1), ValidTo = to, GrantedBy = "test", GrantedAtUtc = now });
        await db.SaveChangesAsync();
        Accounts[staffNo] = a.Id;
    }

    public ValueTask DisposeAsync() => Store.DisposeAsync();
}
