using Choshu.App.Privacy;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Security;
using Choshu.Domain;
using Choshu.Domain.Identifiers;
using Choshu.Domain.Security;

namespace Choshu.App.Tests.Privacy;

/// <summary>
/// <see cref="PersonalDataGate"/>: rights first (refusals audited), then the read and its audit record in one
/// transaction. Store and people as in <see cref="GateFixture"/>; today Tue 2026-11-17 10:00 JST.
/// </summary>
public sealed class GateTests
{
    public static TheoryData<StoreProvider> Providers => new() { StoreProvider.Sqlite, StoreProvider.Postgres };

    [Theory, MemberData(nameof(Providers))]
    public async Task SearchAsync_KanaTypedInKatakanaHiraganaOrHalfWidth_FindsNamesStoredEitherWay(StoreProvider provider)
    {
        await using var f = await GateFixture.CreateAsync(provider);
        await using var db = f.Open();
        var gate = f.Gate(db);
        var clerk = f.Staff("C001");

        async Task<string[]> Kana(string term) =>
            (await gate.SearchAsync(clerk, new TaxpayerSearchCriteria { NameKana = term })).Items.Select(i => i.TaxpayerNo).ToArray();

        // カゴシマ ハナコ is stored in katakana with an ASCII space.
        Assert.Equal([GateFixture.HanakoNo], await Kana("かごしま"));
        Assert.Equal([GateFixture.HanakoNo], await Kana("ｶｺﾞｼﾏ ﾊﾅｺ"));
        Assert.Equal([GateFixture.HanakoNo], await Kana("カゴシマ　ハナコ"));
        // さつま　たろう is stored in hiragana with an ideographic space.
        Assert.Equal([GateFixture.TaroNo], await Kana("サツマタロウ"));
        Assert.Equal([GateFixture.TaroNo], await Kana("ｻﾂﾏ"));
        // Part of the given name: both ハナコ.
        Assert.Equal([GateFixture.HanakoNo, GateFixture.YamadaNo], await Kana("はなこ"));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task SearchAsync_EachCriterion_FindsTheTaxpayerItNames(StoreProvider provider)
    {
        await using var f = await GateFixture.CreateAsync(provider);
        await using var db = f.Open();
        var gate = f.Gate(db);
        var clerk = f.Staff("C001");

        async Task<string[]> Find(TaxpayerSearchCriteria c) => (await gate.SearchAsync(clerk, c)).Items.Select(i => i.TaxpayerNo).ToArray();

        Assert.Equal([GateFixture.TaroNo], await Find(new() { TaxpayerNo = "1000000002" }));
        Assert.Equal([GateFixture.HanakoNo], await Find(new() { NoticeNo = "2025020001" }));
        Assert.Equal([GateFixture.TaroNo], await Find(new() { NameKanji = "薩摩太郎" }));          // stored 薩摩　太郎
        Assert.Equal([GateFixture.HanakoNo, GateFixture.YamadaNo], await Find(new() { NameKanji = "花子" }));
        Assert.Equal([GateFixture.YamadaNo], await Find(new() { BirthDate = new DateOnly(1990, 7, 7) }));
        Assert.Equal([GateFixture.HanakoNo], await Find(new() { Address = "山下町１１－１" }));  // full-width digits typed
        Assert.Equal([GateFixture.HanakoNo, GateFixture.TaroNo], await Find(new() { Address = "鹿児島市" }));
        // All criteria must hold.
        Assert.Equal([GateFixture.YamadaNo], await Find(new() { NameKanji = "花子", Address = "霧島市" }));
        Assert.Empty(await Find(new() { NameKanji = "花子", BirthDate = new DateOnly(1975, 1, 15) }));
    }

    [Fact]
    public async Task SearchAsync_25Matches_PagesOfTenWithTotal()
    {
        await using var f = await GateFixture.CreateAsync(StoreProvider.Sqlite);
        await using (var db = f.Open())
        {
            for (var i = 1; i <= 25; i++)
                db.Taxpayers.Add(new Data.Taxpayers.Taxpayer
                {
                    TaxpayerNo = $"20000000{i:D2}", Facts = new Data.Taxpayers.TaxpayerFacts { NameKanji = $"試験 {i}", NameKana = "シケン タロウ" },
                    HistorySeq = 1, EffectiveDate = new DateOnly(2020, 4, 1),
                });
            await db.SaveChangesAsync();
        }
        await using var db2 = f.Open();
        var gate = f.Gate(db2);

        var page2 = await gate.SearchAsync(f.Staff("C001"), new TaxpayerSearchCriteria { NameKana = "しけん" }, page: 2, size: 10);
        var page3 = await gate.SearchAsync(f.Staff("C001"), new TaxpayerSearchCriteria { NameKana = "しけん" }, page: 3, size: 10);

        Assert.Equal((25, 2, 10, 3), (page2.Total, page2.Page, page2.Size, page2.Pages));
        Assert.Equal(Enumerable.Range(11, 10).Select(i => $"20000000{i:D2}"), page2.Items.Select(x => x.TaxpayerNo));
        Assert.Equal(["2000000021", "2000000022", "2000000023", "2000000024", "2000000025"], page3.Items.Select(x => x.TaxpayerNo));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task SearchAsync_RecordsCriteriaAndShownNumbers_NeverAMyNumberTypedIn(StoreProvider provider)
    {
        await using var f = await GateFixture.CreateAsync(provider);
        await using var db = f.Open();

        await f.Gate(db).SearchAsync(f.Staff("C001"), new TaxpayerSearchCriteria { NameKana = "かごしま", Address = GateFixture.HanakoMyNumber });
        await f.Gate(db).SearchAsync(f.Staff("C001"), new TaxpayerSearchCriteria { TaxpayerNo = GateFixture.HanakoNo });

        var events = await f.EventsAsync();
        Assert.Equal([AuditEventKind.TaxpayerSearched, AuditEventKind.TaxpayerSearched], events.Select(e => e.Kind));
        var masked = events[0];
        Assert.Equal(("C001", f.Accounts["C001"], "10.0.0.7", AuditOutcome.Succeeded, (long?)null), (masked.ActorName, masked.AccountId!.Value, masked.Terminal, masked.Outcome, masked.TaxpayerId));
        Assert.Equal("条件 氏名かな=かごしま 住所=************: 該当 0 件（1 ページ目、20 件ずつ）", masked.Detail);
        Assert.DoesNotContain(GateFixture.HanakoMyNumber, masked.Detail);
        // A single match names the taxpayer.
        Assert.Equal(f.TaxpayerIds[GateFixture.HanakoNo], events[1].TaxpayerId);
        Assert.Equal("条件 宛名番号=1000000001: 該当 1 件（1 ページ目、20 件ずつ）、表示 1000000001", events[1].Detail);
    }

    [Fact]
    public async Task SearchAsync_NoCriterion_Refused()
    {
        await using var f = await GateFixture.CreateAsync(StoreProvider.Sqlite);
        await using var db = f.Open();

        var ex = await Assert.ThrowsAsync<DomainException>(() => f.Gate(db).SearchAsync(f.Staff("C001"), new TaxpayerSearchCriteria { NameKana = "  " }));

        Assert.Equal("search.empty", ex.Code);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ViewAsync_Clerk_DetailsWithMaskedMyNumberAndViewRecordNamingTheTaxpayer(StoreProvider provider)
    {
        await using var f = await GateFixture.CreateAsync(provider);
        await using var db = f.Open();

        var d = await f.Gate(db).ViewAsync(f.Staff("C001"), GateFixture.HanakoNo);

        Assert.NotNull(d);
        Assert.Equal(("鹿児島 花子", MyNumber.MaskedForm), (d.NameKanji, d.MyNumber));
        var e = Assert.Single(await f.EventsAsync());
        Assert.Equal((AuditEventKind.TaxpayerViewed, AuditOutcome.Succeeded, f.TaxpayerIds[GateFixture.HanakoNo], "C001"), (e.Kind, e.Outcome, e.TaxpayerId!.Value, e.ActorName));
        Assert.Equal("2026-11-17T10:00:00.000000+09:00", e.OccurredAtJst);
    }

    [Fact]
    public async Task ViewAsync_UnknownNumber_NullAndFailedViewRecord()
    {
        await using var f = await GateFixture.CreateAsync(StoreProvider.Sqlite);
        await using var db = f.Open();

        Assert.Null(await f.Gate(db).ViewAsync(f.Staff("C001"), "9999999999"));

        var e = Assert.Single(await f.EventsAsync());
        Assert.Equal((AuditEventKind.TaxpayerViewed, AuditOutcome.Failed, (long?)null, "宛名番号 9999999999: 登録なし"), (e.Kind, e.Outcome, e.TaxpayerId, e.Detail));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task ViewAsync_NoRight_DeniedRecordAndNoView(StoreProvider provider)
    {
        await using var f = await GateFixture.CreateAsync(provider);
        await using var db = f.Open();

        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => f.Gate(db).ViewAsync(f.Staff("N001"), GateFixture.HanakoNo));

        Assert.False(ex.RightsLapsed);
        var e = Assert.Single(await f.EventsAsync());
        Assert.Equal((AuditEventKind.AccessDenied, AuditOutcome.Denied, "N001"), (e.Kind, e.Outcome, e.ActorName));
    }

    [Fact]
    public async Task ViewAsync_RightEndedYesterday_LapsedRecord5001()
    {
        await using var f = await GateFixture.CreateAsync(StoreProvider.Sqlite);
        await using var db = f.Open();

        var ex = await Assert.ThrowsAsync<AccessDeniedException>(() => f.Gate(db).ViewAsync(f.Staff("L001"), GateFixture.HanakoNo));

        Assert.True(ex.RightsLapsed);
        Assert.Equal([AuditEventKind.AccessDeniedLapsedRights], (await f.EventsAsync()).Select(e => e.Kind));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task RevealMyNumberAsync_MyNumberClerkReauthenticated4Min59sAgo_DigitsAndRevealRecordWithPurpose(StoreProvider provider)
    {
        await using var f = await GateFixture.CreateAsync(provider);
        var session = await f.SessionAsync("M001", GateFixture.Now.AddMinutes(-5).AddSeconds(1));
        await using var db = f.Open();

        var n = await f.Gate(db).RevealMyNumberAsync(f.Staff("M001", session), GateFixture.HanakoNo, "児童手当の照会（番号法別表第一）");

        Assert.Equal(GateFixture.HanakoMyNumber, n!.Value.Reveal());
        var e = Assert.Single(await f.EventsAsync());
        Assert.Equal((AuditEventKind.MyNumberRevealed, AuditOutcome.Succeeded, f.TaxpayerIds[GateFixture.HanakoNo], "児童手当の照会（番号法別表第一）", "宛名番号 1000000001"),
            (e.Kind, e.Outcome, e.TaxpayerId!.Value, e.Purpose, e.Detail));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task RevealMyNumberAsync_ContractorEvenWithMyNumberRole_Denied(StoreProvider provider)
    {
        await using var f = await GateFixture.CreateAsync(provider);
        var session = await f.SessionAsync("K001", GateFixture.Now.AddMinutes(-1));
        await using var db = f.Open();

        await Assert.ThrowsAsync<AccessDeniedException>(() => f.Gate(db).RevealMyNumberAsync(f.Staff("K001", session), GateFixture.HanakoNo, "保守作業"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => f.Gate(db).SearchByMyNumberAsync(f.Staff("K001", session), MyNumber.Parse(GateFixture.HanakoMyNumber), "保守作業"));

        Assert.Equal([AuditEventKind.AccessDenied, AuditEventKind.AccessDenied], (await f.EventsAsync()).Select(e => e.Kind));
    }

    [Fact]
    public async Task RevealMyNumberAsync_CollectionClerkOrSystemActor_Denied()
    {
        await using var f = await GateFixture.CreateAsync(StoreProvider.Sqlite);
        var session = await f.SessionAsync("C001", GateFixture.Now.AddMinutes(-1));
        await using var db = f.Open();

        await Assert.ThrowsAsync<AccessDeniedException>(() => f.Gate(db).RevealMyNumberAsync(f.Staff("C001", session), GateFixture.HanakoNo, "照会"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => f.Gate(db).RevealMyNumberAsync(Actor.SystemAs("batch", "host"), GateFixture.HanakoNo, "照会"));

        var events = await f.EventsAsync();
        Assert.Equal([AuditEventKind.AccessDenied, AuditEventKind.AccessDenied], events.Select(e => e.Kind));
        Assert.DoesNotContain(events, e => e.Kind == AuditEventKind.MyNumberRevealed);
    }

    [Fact]
    public async Task RevealMyNumberAsync_NoPurpose_RefusedAndRecorded()
    {
        await using var f = await GateFixture.CreateAsync(StoreProvider.Sqlite);
        var session = await f.SessionAsync("M001", GateFixture.Now.AddMinutes(-1));
        await using var db = f.Open();

        var ex = await Assert.ThrowsAsync<DomainException>(() => f.Gate(db).RevealMyNumberAsync(f.Staff("M001", session), GateFixture.HanakoNo, "   "));

        Assert.Equal("mynumber.purpose_required", ex.Code);
        var e = Assert.Single(await f.EventsAsync());
        Assert.Equal((AuditEventKind.AccessDenied, "宛名番号 1000000001 の個人番号の表示: 利用目的の入力なし"), (e.Kind, e.Detail));
    }

    [Theory]
    [InlineData(5 * 60 + 1, false)] // 5 min 1 s ago: too old
    [InlineData(5 * 60, true)]      // exactly 5 min: still inside
    public async Task RevealMyNumberAsync_ReauthenticationAge_AllowedOnlyWithinFiveMinutes(int secondsAgo, bool allowed)
    {
        await using var f = await GateFixture.CreateAsync(StoreProvider.Sqlite);
        var session = await f.SessionAsync("M001", GateFixture.Now.AddSeconds(-secondsAgo));
        await using var db = f.Open();

        var reveal = () => f.Gate(db).RevealMyNumberAsync(f.Staff("M001", session), GateFixture.HanakoNo, "照会");

        if (allowed) Assert.NotNull(await reveal());
        else await Assert.ThrowsAsync<ReauthenticationRequiredException>(reveal);
        Assert.Equal(allowed ? AuditEventKind.MyNumberRevealed : AuditEventKind.AccessDenied, Assert.Single(await f.EventsAsync()).Kind);
    }

    [Fact]
    public async Task RevealMyNumberAsync_NoSessionNeverReauthenticatedOrEnded_RequiresReauthentication()
    {
        await using var f = await GateFixture.CreateAsync(StoreProvider.Sqlite);
        var never = await f.SessionAsync("M001", null);
        var ended = await f.SessionAsync("M001", GateFixture.Now.AddMinutes(-1), endedAtUtc: GateFixture.Now.UtcDateTime);
        var othersSession = await f.SessionAsync("C001", GateFixture.Now.AddMinutes(-1));
        await using var db = f.Open();

        foreach (var session in new long?[] { null, never, ended, othersSession })
            await Assert.ThrowsAsync<ReauthenticationRequiredException>(() => f.Gate(db).RevealMyNumberAsync(f.Staff("M001", session), GateFixture.HanakoNo, "照会"));

        Assert.All(await f.EventsAsync(), e => Assert.Equal(AuditEventKind.AccessDenied, e.Kind));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task SearchByMyNumberAsync_MyNumberClerk_FindsByBlindIndexAndNeverRecordsTheNumber(StoreProvider provider)
    {
        await using var f = await GateFixture.CreateAsync(provider);
        await using var db = f.Open();
        var gate = f.Gate(db);

        var found = await gate.SearchByMyNumberAsync(f.Staff("M001"), MyNumber.Parse(GateFixture.HanakoMyNumber), "本人確認");
        var none = await gate.SearchByMyNumberAsync(f.Staff("M001"), MyNumber.Parse(GateFixture.UnknownMyNumber), "本人確認");

        Assert.Equal([GateFixture.HanakoNo], found.Select(t => t.TaxpayerNo));
        Assert.Empty(none);
        var events = await f.EventsAsync();
        Assert.Equal([AuditEventKind.MyNumberSearched, AuditEventKind.MyNumberSearched], events.Select(e => e.Kind));
        Assert.Equal((f.TaxpayerIds[GateFixture.HanakoNo], "本人確認", "該当 1 件: 宛名番号 1000000001"), (events[0].TaxpayerId!.Value, events[0].Purpose, events[0].Detail));
        Assert.Equal((AuditOutcome.Failed, "該当なし"), (events[1].Outcome, events[1].Detail));
        foreach (var e in events)
            foreach (var text in new[] { e.Detail, e.Purpose, e.ActorName })
            {
                Assert.DoesNotContain(GateFixture.HanakoMyNumber, text ?? "");
                Assert.DoesNotContain(GateFixture.UnknownMyNumber, text ?? "");
            }
    }

    [Fact]
    public async Task SearchByMyNumberAsync_CollectionClerk_Denied()
    {
        await using var f = await GateFixture.CreateAsync(StoreProvider.Sqlite);
        await using var db = f.Open();

        await Assert.ThrowsAsync<AccessDeniedException>(() => f.Gate(db).SearchByMyNumberAsync(f.Staff("C001"), MyNumber.Parse(GateFixture.HanakoMyNumber), "照会"));

        Assert.Equal([AuditEventKind.AccessDenied], (await f.EventsAsync()).Select(e => e.Kind));
    }

    [Fact]
    public async Task ViewAsync_InsideACallersTransaction_Refused()
    {
        await using var f = await GateFixture.CreateAsync(StoreProvider.Sqlite);
        await using var db = f.Open();
        await using var tx = await db.Database.BeginTransactionAsync();

        // The gate owns the transaction of its read and record; a caller's open transaction could roll the record back.
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => f.Gate(db).ViewAsync(f.Staff("C001"), GateFixture.HanakoNo));
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => f.Gate(db).ViewAsync(f.Staff("N001"), GateFixture.HanakoNo));
        await tx.RollbackAsync();

        Assert.Empty(await f.EventsAsync());
    }
}
