using Choshu.App.Cases;
using Choshu.App.Notices;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Documents;
using Choshu.Data.Ledger;
using Choshu.Domain;
using Choshu.Domain.Cases;
using Choshu.Domain.Ledger;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Choshu.App.Tests.Cases;

/// <summary>
/// Other persons liable for a taxpayer's claims (<see cref="Liabilities"/>, <see cref="SecondaryLiabilityNotices"/>) on both stores.
/// Today is 2026-11-26 (JST). Each test makes its own taxpayers (with an address); the primary taxpayer has a case whose officer is
/// 200001. The claims fall due 2026-10-31, so their late fee today is under 1,000 yen and therefore 0 (domain.md §2): the amounts
/// below are principal only. Hand-checkable: 100,001 yen split 1/2, 1/4, 1/4 is 50,001 + 25,000 + 25,000 (floor each, the
/// remainder to the first heir); after the third heir renounces and the others take 1/2 each, 50,001 + 50,000 + 0.
/// </summary>
public sealed class LiabilitiesTests(CaseStaffStores stores) : IClassFixture<CaseStaffStores>
{
    public static TheoryData<StoreProvider> Providers => CaseStaffStores.Providers;

    private static readonly FakeTimeProvider Today = new(new DateTimeOffset(2026, 11, 26, 3, 0, 0, TimeSpan.Zero));

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static int _next;

    private static async Task<(long Id, string No)> PersonAsync(ChoshuDbContext db, string name)
    {
        var n = Interlocked.Increment(ref _next);
        var no = $"21400{n:D5}";
        var id = await LedgerSeed.TaxpayerAsync(db, no, name);
        var t = await db.Taxpayers.SingleAsync(x => x.Id == id);
        t.Facts = t.Facts with { PostalCode = "8920816", TownName = "鹿児島県鹿児島市山下町", StreetNumber = $"{n}番1号" };
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        return (id, no);
    }

    /// <summary>A taxpayer with one claim of <paramref name="principal"/> due 2026-10-31 and a case whose officer is 200001.</summary>
    private async Task<(long Id, string No, long InstallmentId, string NoticeNo)> PrimaryAsync(ChoshuDbContext db, string name, string taxKind, long principal)
    {
        var (id, no) = await PersonAsync(db, name);
        var notice = $"L{no}";
        var inst = (await LedgerSeed.AssessmentAsync(db, id, taxKind, 2026, notice, new LedgerSeed.Inst(1, D(2026, 10, 31), principal)))[0];
        var cases = new CaseUpdates(db, Today);
        var c = await cases.OpenAsync(stores.Approver, no);
        await cases.AssignAsync(stores.Approver, c.Id, "200001");
        return (id, no, inst, notice);
    }

    private static async Task<Data.Security.AuditEvent> LastAuditAsync(ChoshuDbContext db) =>
        await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Id).FirstAsync();

    private static async Task<CaseFile> FileAsync(ChoshuDbContext db, Actor actor, string taxpayerNo)
    {
        var files = new CaseFiles(db, Today);
        return await files.LoadAsync(actor, (await files.FindIdAsync(taxpayerNo))!.Value);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Succession_100001_Half_Quarter_Quarter_HeirsOwe50001_25000_25000_RepresentativeGetsLetters(StoreProvider provider)
    {
        await using var db = stores[provider].Open();
        var deceased = await PrimaryAsync(db, "故 太郎", "01", 100_001);
        var spouse = await PersonAsync(db, "相続 花子");
        var child1 = await PersonAsync(db, "相続 一郎");
        var child2 = await PersonAsync(db, "相続 二郎");
        var liabilities = new Liabilities(db, Today);

        var lines = await liabilities.RecordSuccessionAsync(stores.Officer, new SuccessionRequest(deceased.No, D(2026, 6, 1),
            [new(spouse.No, Share.Parse("1/2")), new(child1.No, Share.Parse("1/4")), new(child2.No, Share.Parse("1/4"))], spouse.No, "戸籍謄本"));

        Assert.Equal([(spouse.No, "1/2", true), (child1.No, "1/4", false), (child2.No, "1/4", false)],
            lines.Select(l => (l.PersonTaxpayerNo, l.Share.ToString(), l.Representative)));
        var audit = await LastAuditAsync(db);
        Assert.Equal((3280, (long?)deceased.Id, "200001"), ((int)audit.Kind, audit.TaxpayerId, audit.ActorName));
        var deceasedCase = await db.CollectionCases.AsNoTracking().Include(c => c.Events).SingleAsync(c => c.TaxpayerId == deceased.Id);
        Assert.Equal(CaseEventKind.SuccessionRecorded, deceasedCase.History[^1].Kind);
        // Each heir has a case of their own now.
        Assert.Equal(3, await db.CollectionCases.CountAsync(c => c.TaxpayerId == spouse.Id || c.TaxpayerId == child1.Id || c.TaxpayerId == child2.Id));

        // The letters about the deceased's claims go to the representative (the register does not say deceased yet: the succession does).
        var addressees = await NoticeAddressees.LoadAsync(db, [deceased.Id], D(2026, 11, 26));
        var to = addressees.Resolve(deceased.Id, "01")!;
        Assert.Equal((spouse.No, (short)3, "相続人代表者"), (to.To.TaxpayerNo, to.Kind, to.Attention));

        // Each heir's case file: the claim of 100,001 and the heir's part.
        var parts = new List<long>();
        foreach (var heir in new[] { spouse, child1, child2 })
        {
            var f = await FileAsync(db, stores.Officer, heir.No);
            var x = Assert.Single(f.LiableFor);
            var claim = Assert.Single(x.Claims);
            Assert.Equal((LiabilityKind.Succession, deceased.No, 100_001L, 0L), (x.Line.Kind, x.Line.PrimaryTaxpayerNo, claim.Principal, claim.LateFee));
            parts.Add(claim.SharePrincipal);
            Assert.Equal(claim.ShareTotal, x.Chargeable);
        }
        Assert.Equal([50_001L, 25_000L, 25_000L], parts);
        Assert.Equal(3, (await FileAsync(db, stores.Officer, deceased.No)).OthersLiable.Count);

        // The third heir renounces; the others take 1/2 each as entered: 50,001 + 50,000 + 0.
        await liabilities.RenounceAsync(stores.Officer, deceased.No, child2.No, [new(spouse.No, Share.Parse("1/2")), new(child1.No, Share.Parse("1/2"))],
            null, "家庭裁判所 相続放棄申述受理");
        Assert.Equal(3281, (int)(await LastAuditAsync(db)).Kind);
        var after = new List<long>();
        foreach (var heir in new[] { spouse, child1, child2 })
            after.Add(Assert.Single(Assert.Single((await FileAsync(db, stores.Officer, heir.No)).LiableFor).Claims).SharePrincipal);
        Assert.Equal([50_001L, 50_000L, 0L], after);
        Assert.True(Assert.Single((await FileAsync(db, stores.Officer, child2.No)).LiableFor).Line.Renounced);

        // 限定承認: shown on each heir with a share, with the bar on enforcement against the heir's own property.
        await liabilities.RecordLimitedAcceptanceAsync(stores.Officer, deceased.No, "限定承認申述受理");
        Assert.Equal(3282, (int)(await LastAuditAsync(db)).Kind);
        var limited = Assert.Single((await FileAsync(db, stores.Officer, child1.No)).LiableFor);
        Assert.True(limited.Line.LimitedAcceptance);
        Assert.Contains("相続人固有の財産への滞納処分（差押）はできません", limited.Note);
        Assert.Equal(50_000L, limited.Chargeable);

        // The representative changes to the first child; the letters follow from today.
        await liabilities.DesignateRepresentativeAsync(stores.Officer, deceased.No, child1.No);
        Assert.Equal(3283, (int)(await LastAuditAsync(db)).Kind);
        var now = await NoticeAddressees.LoadAsync(db, [deceased.Id], D(2026, 11, 26));
        Assert.Equal(child1.No, now.Resolve(deceased.Id, "01")!.To.TaxpayerNo);
        // A renounced heir cannot be the representative.
        Assert.Equal("liability.representative_not_heir",
            (await Assert.ThrowsAsync<DomainException>(() => liabilities.DesignateRepresentativeAsync(stores.Officer, deceased.No, child2.No))).Code);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Succession_SharesNotWhole_Refused_NothingRecorded_AnotherOfficer_RefusedAndAudited(StoreProvider provider)
    {
        await using var db = stores[provider].Open();
        var deceased = await PrimaryAsync(db, "故 次郎", "01", 60_000);
        var heir1 = await PersonAsync(db, "相続 三郎");
        var heir2 = await PersonAsync(db, "相続 四郎");
        var liabilities = new Liabilities(db, Today);

        var e = await Assert.ThrowsAsync<DomainException>(() => liabilities.RecordSuccessionAsync(stores.Officer, new SuccessionRequest(deceased.No, D(2026, 6, 1),
            [new(heir1.No, Share.Parse("1/2")), new(heir2.No, Share.Parse("1/4"))], heir1.No)));
        Assert.Equal("liability.shares_not_whole", e.Code);
        Assert.False(await db.Liabilities.AnyAsync(l => l.PrimaryTaxpayerId == deceased.Id));

        // 200002 is not the officer in charge: refused by the officer-only policy, audited 5000, nothing recorded.
        await Assert.ThrowsAsync<AccessDeniedException>(() => liabilities.RecordSuccessionAsync(stores.Colleague, new SuccessionRequest(deceased.No, D(2026, 6, 1),
            [new(heir1.No, Share.Parse("1/2")), new(heir2.No, Share.Parse("1/2"))], heir1.No)));
        var denied = await LastAuditAsync(db);
        Assert.Equal((AuditEventKind.AccessDenied, "200002"), (denied.Kind, denied.ActorName));
        Assert.False(await db.Liabilities.AnyAsync(l => l.PrimaryTaxpayerId == deceased.Id));
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Joint_CoOwnerLiableForWhole80000_PaymentOf30000ReducesItForBoth_50000(StoreProvider provider)
    {
        await using var db = stores[provider].Open();
        var owner = await PrimaryAsync(db, "共有 一子", "02", 80_000);
        var coOwner = await PersonAsync(db, "共有 二子");

        var lines = await new Liabilities(db, Today).AddJointAsync(stores.Officer, owner.No, owner.NoticeNo, null, null, coOwner.No, "登記 共有持分 1/2");
        Assert.Equal((LiabilityKind.Joint, coOwner.No, "全額（連帯）"), (Assert.Single(lines).Kind, lines[0].PersonTaxpayerNo, lines[0].Extent));
        Assert.Equal(3284, (int)(await LastAuditAsync(db)).Kind);
        var x = Assert.Single((await FileAsync(db, stores.Officer, coOwner.No)).LiableFor);
        Assert.Equal((80_000L, 80_000L), (x.Claims.Single().Principal, x.Chargeable));

        // One claim: 30,000 paid on it reduces it for the owner and the co-owner alike.
        db.JournalEntries.Add(new JournalEntry
        {
            InstallmentId = owner.InstallmentId, Kind = JournalEntryKind.Payment, Component = LedgerComponent.Principal, Amount = -30_000,
            ValueDate = D(2026, 11, 20), RecordedAtUtc = LedgerSeed.NowUtc, Actor = "test:seed", ReasonCode = "payment",
        });
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        Assert.Equal(50_000L, Assert.Single((await FileAsync(db, stores.Officer, owner.No)).Claims).Principal);
        Assert.Equal(50_000L, Assert.Single((await FileAsync(db, stores.Officer, coOwner.No)).LiableFor).Chargeable);

        Assert.Equal("liability.exists", (await Assert.ThrowsAsync<DomainException>(() =>
            new Liabilities(db, Today).AddJointAsync(stores.Officer, owner.No, owner.NoticeNo, null, null, coOwner.No, null))).Code);
    }

    [Theory, MemberData(nameof(Providers))]
    public async Task Secondary_NoticeToSecondPerson_Limit300000_PdfReadsBack_CaseFileChargeable300000(StoreProvider provider)
    {
        await using var db = stores[provider].Open();
        var primary = await PrimaryAsync(db, "主債 務子", "01", 500_000);
        var second = await PersonAsync(db, "第二 次郎");
        var dir = Path.Combine(Path.GetTempPath(), $"choshu-secondary-{Guid.NewGuid():N}");
        try
        {
            var r = await new SecondaryLiabilityNotices(db, Today).NotifyAsync(stores.Officer,
                new SecondaryLiabilityRequest(primary.No, primary.NoticeNo, null, null, second.No, 300_000, "事業譲受（地方税法11条の7）"), dir);
            var line = Assert.Single(r.Lines);
            Assert.Equal((LiabilityKind.Secondary, (long?)300_000, (long?)r.DocumentId), (line.Kind, line.LimitAmount, line.DocumentId));
            Assert.Equal(3285, (int)(await LastAuditAsync(db)).Kind);
            var doc = await db.IssuedDocuments.AsNoTracking().SingleAsync(d => d.Id == r.DocumentId);
            Assert.Equal((IssuedDocumentKinds.SecondaryLiabilityNotice, (long?)second.Id), (doc.Kind, doc.TaxpayerId));

            if (Environment.GetEnvironmentVariable("CHOSHU_KEEP_PDF") is { Length: > 0 } keep) File.Copy(r.NoticePath!, keep + "secondary-liability-notice.pdf", overwrite: true);
            var text = Poppler.Text(await File.ReadAllBytesAsync(r.NoticePath!));
            Assert.Contains("納付通知書", text);
            Assert.Contains("第二次納税義務者", text);
            Assert.Contains("第二 次郎", text);
            Assert.Contains("主債 務子", text);
            Assert.Contains("300,000円", text);
            Assert.Contains("500,000", text);
            Assert.Contains("令和8年12月26日", text); // 納付の期限: one month after 2026-11-26

            var x = Assert.Single((await FileAsync(db, stores.Officer, second.No)).LiableFor);
            Assert.Equal((500_000L, 300_000L), (x.Claims.Single().Principal, x.Chargeable));
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, true);
        }
    }
}
