using Choshu.App.Releases;
using Choshu.App.Reports;
using Choshu.App.Security;
using Choshu.App.Slips;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Claims;
using Choshu.Domain.Assessments;
using Choshu.TestSupport;

namespace Choshu.App.Tests.Claims;

/// <summary>
/// The callers that once judged a claim's end on their own, or not at all, now ask the one status rule. One store per
/// provider, seeded once. Taxpayer 1000000001 owes, as of 2026-11-26:
/// <list type="bullet">
/// <item>A 市民税 FY2020 第1期 2020010001, 50,000 due 2020-06-30, nothing since: lapsed from 2025-07-01 (時効).</item>
/// <item>B 固定資産税 FY2022 第3期 2022020001, 200,000 due 2022-12-26, stayed (執行停止, no property) from 2023-01-10:
/// extinguished at the end of 2026-01-10, before its limitation (2027-12-27).</item>
/// <item>C 市民税 FY2026 第1期 2026010001, 12,300 due 2026-06-30: in arrears, collectable.</item>
/// </list>
/// </summary>
public sealed class ClaimStatusCallersTests : IAsyncLifetime
{
    private static readonly DateOnly AsOf = new(2026, 11, 26);
    private readonly Dictionary<StoreProvider, TestStore> _stores = [];

    public async Task InitializeAsync()
    {
        foreach (var provider in new[] { StoreProvider.Postgres, StoreProvider.Sqlite })
        {
            var store = await TestStore.CreateAsync(provider);
            _stores[provider] = store;
            await using var db = store.Open();
            var t = await LedgerSeed.TaxpayerAsync(db, "1000000001");
            await LedgerSeed.AssessmentAsync(db, t, TaxKindCodes.InhabitantTax, 2020, "2020010001", new LedgerSeed.Inst(1, new DateOnly(2020, 6, 30), 50_000));
            var b = await LedgerSeed.AssessmentAsync(db, t, TaxKindCodes.FixedAssetTax, 2022, "2022020001", new LedgerSeed.Inst(3, new DateOnly(2022, 12, 26), 200_000));
            await LedgerSeed.AssessmentAsync(db, t, TaxKindCodes.InhabitantTax, 2026, "2026010001", new LedgerSeed.Inst(1, new DateOnly(2026, 6, 30), 12_300));
            db.ClaimEvents.Add(ClaimEvent.Create(b[0], ClaimEventKind.Stay, new DateOnly(2023, 1, 10), "test:seed", LedgerSeed.NowUtc,
                ground: (short)StayGround.NoProperty, reason: "無財産"));
            await db.SaveChangesAsync();
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var s in _stores.Values) await s.DisposeAsync();
    }

    public static TheoryData<StoreProvider> Providers => new() { StoreProvider.Postgres, StoreProvider.Sqlite };

    private static async Task<ReissuedSlip> SlipAsync(ChoshuDbContext db, string noticeNo, short period, DateOnly on) =>
        (await ReissuedSlipQuery.IssueAsync(db, Actor.SystemAs("test", "host"), new ReissuedSlipRequest(noticeNo, period, null, null, on), TimeProvider.System)).Slip;

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Slip_LapsedOrExtinguishedClaim_RefusedCollectableIssued(StoreProvider provider)
    {
        await using var db = _stores[provider].Open();

        var lapsed = await Assert.ThrowsAsync<DomainException>(() => SlipAsync(db, "2020010001", 1, AsOf));
        Assert.Equal("slip.claim_ended", lapsed.Code);
        Assert.Contains("2025-07-01 に消滅", lapsed.Message);
        var stayed = await Assert.ThrowsAsync<DomainException>(() => SlipAsync(db, "2022020001", 3, AsOf));
        Assert.Equal("slip.claim_ended", stayed.Code);
        Assert.Contains("2026-01-11 に消滅", stayed.Message);
        var ok = await SlipAsync(db, "2026010001", 1, AsOf);
        Assert.Equal(12_300, ok.Principal);
    }

    // On 2025-06-20 claim A (last collectable day 2025-06-30) can still be paid: the slip's deadline, usually later, is capped
    // at 2025-06-30.
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task Slip_ClaimEndingBeforeUsualDeadline_DeadlineIsLastCollectableDay(StoreProvider provider)
    {
        await using var db = _stores[provider].Open();

        var slip = await SlipAsync(db, "2020010001", 1, new DateOnly(2025, 6, 20));

        Assert.True(slip.RequestedDeadline > new DateOnly(2025, 6, 30));
        Assert.Equal(new DateOnly(2025, 6, 30), slip.Deadline);
        Assert.Equal(50_000, slip.Principal);
    }

    [Theory]
    [MemberData(nameof(Providers))]
    public async Task ArrearsList_EndedClaimsLeftOut_OnlyCollectableRow(StoreProvider provider)
    {
        await using var db = _stores[provider].Open();

        var table = await ArrearsList.ReadAsync(db, AsOf);

        var row = Assert.Single(table.Rows);
        Assert.Equal(("2026010001", "12300"), (row[6], row[9]));
        // On B's last day (2026-01-10) it was still listed (A had lapsed, C was not due); on A's last day both A and B were.
        Assert.Equal(["2022020001"], (await ArrearsList.ReadAsync(db, new DateOnly(2026, 1, 10))).Rows.Select(r => r[6]));
        Assert.Equal(["2020010001", "2022020001"], (await ArrearsList.ReadAsync(db, new DateOnly(2025, 6, 30))).Rows.Select(r => r[6]));
    }

    // FY2026 report on 2026-11-26: both ended claims are arrears (earlier years) with their balance under うち時効; the current
    // year's 12,300 is not.
    [Theory]
    [MemberData(nameof(Providers))]
    public async Task CollectionReport_EndedClaims_CountedAsLapsedNotWrittenOff(StoreProvider provider)
    {
        await using var db = _stores[provider].Open();

        var r = await CollectionReportQuery.LoadAsync(db, 2026, AsOf);

        long Lapsed(string kind, string bucket) => r.Lines.Single(l => l.TaxKindCode == kind && l.Bucket == bucket).Lapsed;
        Assert.Equal(50_000, Lapsed(TaxKindCodes.InhabitantTax, "arrears"));
        Assert.Equal(200_000, Lapsed(TaxKindCodes.FixedAssetTax, "arrears"));
        Assert.Equal(0, Lapsed(TaxKindCodes.InhabitantTax, "current"));
        Assert.Equal(250_000, r.Total.Lapsed);
        Assert.Equal(262_300, r.Total.Balance);
    }
}
