using Choshu.App.Cases;
using Choshu.App.Claims;
using Choshu.App.Enforcement;
using Choshu.App.Security;
using Choshu.App.Tests.Cases;
using Choshu.Data;
using Choshu.Data.Documents;
using Choshu.Domain;
using Choshu.Domain.Cases;
using Choshu.Domain.Claims;
using Choshu.Domain.Enforcement;
using Choshu.Domain.Security;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Choshu.App.Tests.Enforcement;

/// <summary>
/// 繰上徴収 and 保全差押 with their notices, and the 交付要求通知書 to the taxpayer (issue 15 item 4), on both stores. Today is 2026-11-26
/// (JST); the officer in charge of every case is 200001. Every amount is principal (nothing is past due long enough to bear late fee).
/// </summary>
public sealed class EnforcementNoticesTests(CaseStaffStores stores) : IClassFixture<CaseStaffStores>
{
    public static TheoryData<StoreProvider> Providers => CaseStaffStores.Providers;

    private static readonly FakeTimeProvider Today = new(new DateTimeOffset(2026, 11, 26, 3, 0, 0, TimeSpan.Zero));

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static int _next;

    private async Task<(long Id, string No, long[] Installments)> TaxpayerAsync(ChoshuDbContext db, string name, params LedgerSeed.Inst[] claims)
    {
        var n = Interlocked.Increment(ref _next);
        var no = $"21520{n:D5}";
        var id = await LedgerSeed.TaxpayerAsync(db, no, name);
        var t = await db.Taxpayers.SingleAsync(x => x.Id == id);
        t.Facts = t.Facts with { PostalCode = "8920816", TownName = "鹿児島県鹿児島市山下町", StreetNumber = $"{n}番2号" };
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        var inst = await LedgerSeed.AssessmentAsync(db, id, "01", 2026, $"N{no}", claims);
        var cases = new CaseUpdates(db, Today);
        var c = await cases.OpenAsync(stores.Approver, no);
        await cases.AssignAsync(stores.Approver, c.Id, "200001");
        return (id, no, inst);
    }

    private static async Task<AuditEventKind> LastAuditKindAsync(ChoshuDbContext db) =>
        (await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Id).FirstAsync()).Kind;

    /// <summary>The PDF's text without white space: a sentence wrapped at the margin reads as one.</summary>
    private static string Flat(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    private static string TempDir() => Path.Combine(Path.GetTempPath(), "choshu-h15n-" + Guid.NewGuid().ToString("N"));

    /// <summary>
    /// Claims 100,000 due 2026-12-25 and 80,000 due 2027-01-31 (not yet due) and 30,000 due 2026-10-31 (in arrears, not reminded). A notice of
    /// 2026-11-20 (ground 1: 強制換価手続の開始) brings the two unpaid ones forward to 2026-11-24: on 2026-11-24 they are not due, on 2026-11-26
    /// they are in arrears and seizable from 2026-11-25 without a reminder; their own 納期限 (late fee) and 法定納期限 (limitation) stay. The
    /// already-due claim is left out; asking for it or for an accelerated one again is refused.
    /// </summary>
    [Theory, MemberData(nameof(Providers))]
    public async Task Accelerate_NewDueDateFeedsStatusAndSeizableDay_NoticePrinted(StoreProvider provider)
    {
        var store = stores[provider];
        await using var db = store.Open();
        var tp = await TaxpayerAsync(db, "繰上 一郎", new(1, D(2026, 12, 25), 100_000), new(2, D(2027, 1, 31), 80_000), new(3, D(2026, 10, 31), 30_000));
        var dir = TempDir();
        var notices = new EnforcementNotices(db, Today);
        var (view, pdf) = await notices.AccelerateAsync(stores.Officer,
            new AccelerationRequest(tp.No, D(2026, 11, 20), D(2026, 11, 24), 1, "鹿児島地方裁判所 令和8年(ケ)第77号 競売開始決定"), dir);

        Assert.Equal(AuditEventKind.AcceleratedCollectionNotified, await LastAuditKindAsync(db));
        Assert.Equal([(tp.Installments[0], D(2026, 12, 25), 100_000L), (tp.Installments[1], D(2027, 1, 31), 80_000L)],
            view.Lines.Select(l => (l.InstallmentId!.Value, l.OriginalDueOn!.Value, l.Amount!.Value)));
        Assert.Equal(D(2026, 11, 24), view.NewDueOn);
        Assert.StartsWith("地方税法第13条の2第1項第1号", view.Ground);
        var stored = await db.Installments.AsNoTracking().Where(i => tp.Installments.Contains(i.Id)).OrderBy(i => i.Id)
            .Select(i => new { i.DueDate, i.StatutoryDueDate, i.AcceleratedDueDate }).ToListAsync();
        Assert.Equal([D(2026, 11, 24), D(2026, 11, 24), null], stored.Select(s => s.AcceleratedDueDate));
        Assert.Equal([D(2026, 12, 25), D(2027, 1, 31), D(2026, 10, 31)], stored.Select(s => s.DueDate));

        var ledgers = await ClaimLedgers.LoadAsync(db, tp.Installments);
        var first = ledgers[tp.Installments[0]];
        Assert.Equal((D(2026, 12, 25), D(2026, 12, 25), (DateOnly?)D(2026, 11, 24)), (first.Dates.DueDate, first.Dates.StatutoryDueDate, first.Dates.AcceleratedDueDate));
        Assert.Equal(ClaimStatusKind.NotDue, ClaimStatus.Of(first, D(2026, 11, 24)).Kind);
        var now = ClaimStatus.Of(first, D(2026, 11, 26));
        Assert.True(now.InArrears);
        Assert.Equal((ClaimStatusKind.Unpaid, (DateOnly?)D(2026, 11, 25), (DateOnly?)null), (now.Kind, now.SeizableFrom, now.ReminderOn));
        // The claim already due and never reminded is still not seizable.
        Assert.Null(ClaimStatus.Of(ledgers[tp.Installments[2]], D(2026, 11, 26)).SeizableFrom);

        var doc = await db.IssuedDocuments.AsNoTracking().SingleAsync(d => d.Id == view.DocumentId);
        Assert.Equal((IssuedDocumentKinds.AcceleratedCollection, (long?)tp.Id), (doc.Kind, doc.TaxpayerId));
        var caseEvent = await db.Set<CaseEvent>().AsNoTracking().Where(e => e.Kind == CaseEventKind.AcceleratedCollectionNotified).OrderByDescending(e => e.Id).FirstAsync();
        Assert.Contains($"発行番号 {view.DocumentId}", caseEvent.Reason);
        var text = Poppler.Text(File.ReadAllBytes(pdf!), layout: true);
        Assert.Contains("繰上徴収告知書", text);
        Assert.Contains("地方税法第13条の2第1項第1号（納税者の財産につき強制換価手続が開始されたとき）", Flat(text));
        Assert.Contains("令和8年11月24日", text);
        Assert.Contains("繰上 一郎", text);
        Assert.Contains("100,000", text);
        Assert.Contains("180,000", text);
        Assert.Contains("審査請求", text);

        var section = await new EnforcementRecords(db, Today).SectionAsync(view.CaseId);
        Assert.Equal(view.DocumentId, Assert.Single(section.Notices!).DocumentId);

        Assert.Equal("enforcement.already_accelerated", (await Assert.ThrowsAsync<DomainException>(() => notices.AccelerateAsync(stores.Officer,
            new AccelerationRequest(tp.No, D(2026, 11, 26), D(2026, 11, 26), 1, InstallmentIds: [tp.Installments[0]]), null))).Code);
        Assert.Equal("enforcement.not_earlier", (await Assert.ThrowsAsync<DomainException>(() => notices.AccelerateAsync(stores.Officer,
            new AccelerationRequest(tp.No, D(2026, 11, 26), D(2026, 11, 26), 3, InstallmentIds: [tp.Installments[2]]), null))).Code);
        Assert.Equal("enforcement.no_claims_to_accelerate", (await Assert.ThrowsAsync<DomainException>(() => notices.AccelerateAsync(stores.Officer,
            new AccelerationRequest(tp.No, D(2026, 11, 26), D(2026, 11, 26), 3), null))).Code);
        Assert.Equal("enforcement.acceleration_ground_invalid", (await Assert.ThrowsAsync<DomainException>(() => notices.AccelerateAsync(stores.Officer,
            new AccelerationRequest(tp.No, D(2026, 11, 26), D(2026, 11, 26), 7), null))).Code);
        await Assert.ThrowsAsync<AccessDeniedException>(() => notices.AccelerateAsync(stores.Colleague,
            new AccelerationRequest(tp.No, D(2026, 11, 26), D(2026, 11, 26), 3), null));
        Assert.Equal(1, await db.EnforcementNotices.CountAsync(x => x.TaxpayerId == tp.Id && x.InstallmentId == tp.Installments[0]));
    }

    /// <summary>
    /// 保全差押金額 1,200,000 for 令和8年度 法人市民税 notified 2026-11-20: the last day is 2027-05-20 (6 months); one row without a claim.
    /// With a claim named, one row per claim. A zero amount is refused.
    /// </summary>
    [Theory, MemberData(nameof(Providers))]
    public async Task ProtectiveSeizure_AmountAndExpiry_NoticePrinted(StoreProvider provider)
    {
        var store = stores[provider];
        await using var db = store.Open();
        var tp = await TaxpayerAsync(db, "株式会社保全", new LedgerSeed.Inst(1, D(2026, 10, 31), 40_000));
        var dir = TempDir();
        var notices = new EnforcementNotices(db, Today);
        var (view, pdf) = await notices.ProtectiveSeizureAsync(stores.Officer, new ProtectiveSeizureRequest(tp.No, D(2026, 11, 20), 1_200_000,
            "令和8年度 法人市民税", "不正に市税を免れた嫌疑により調査中で、確定後では徴収できないおそれがある"), dir);

        Assert.Equal(AuditEventKind.ProtectiveSeizureNotified, await LastAuditKindAsync(db));
        Assert.Equal((1_200_000L, (DateOnly?)D(2027, 5, 20), "令和8年度 法人市民税"), (view.ProtectiveAmount!.Value, view.ExpiresOn, view.Subject));
        Assert.Empty(view.Lines);
        var row = await db.EnforcementNotices.AsNoTracking().SingleAsync(x => x.DocumentId == view.DocumentId);
        Assert.Null(row.InstallmentId);
        var doc = await db.IssuedDocuments.AsNoTracking().SingleAsync(d => d.Id == view.DocumentId);
        Assert.Equal((IssuedDocumentKinds.ProtectiveSeizure, (long?)tp.Id), (doc.Kind, doc.TaxpayerId));
        var text = Poppler.Text(File.ReadAllBytes(pdf!), layout: true);
        Assert.Contains("保全差押金額通知書", text);
        Assert.Contains("1,200,000円", text);
        Assert.Contains("第16条の4", Flat(text));
        Assert.Contains("令和9年5月20日までに納付すべき額が確定しない", Flat(text));
        Assert.Contains("株式会社保全", text);

        var (withClaim, _) = await notices.ProtectiveSeizureAsync(stores.Officer, new ProtectiveSeizureRequest(tp.No, D(2026, 8, 31), 50_000,
            "令和8年度 市民税", "国外転出の予定", InstallmentIds: [tp.Installments[0]]), null);
        Assert.Equal((D(2027, 2, 28), tp.Installments[0]), (withClaim.ExpiresOn!.Value, Assert.Single(withClaim.Lines).InstallmentId!.Value));
        Assert.Equal("enforcement.amount_invalid", (await Assert.ThrowsAsync<DomainException>(() => notices.ProtectiveSeizureAsync(stores.Officer,
            new ProtectiveSeizureRequest(tp.No, D(2026, 11, 20), 0, "市民税", "理由"), null))).Code);
    }

    /// <summary>A 交付要求 to the tax office also prints the 交付要求通知書 to the taxpayer (国税徴収法82条2項), recorded as issued.</summary>
    [Fact]
    public async Task ClaimForDistribution_NotifiesTheTaxpayer()
    {
        await using var db = stores[StoreProvider.Sqlite].Open();
        var tp = await TaxpayerAsync(db, "通知 花子", new LedgerSeed.Inst(1, D(2026, 9, 30), 70_000));
        var dir = TempDir();
        var (view, pdf) = await new ClaimsForDistribution(db, Today).RecordAsync(stores.Officer, new ClaimForDistributionRequest(tp.No,
            ClaimForDistributionKind.ClaimForDistribution, EnforcementBodyKind.TaxOffice, "鹿児島税務署", D(2026, 11, 24)), dir);
        Assert.Equal(AuditEventKind.ClaimForDistributionMade, await LastAuditKindAsync(db));
        var notice = await db.IssuedDocuments.AsNoTracking().SingleAsync(d => d.Id == view.NoticeDocumentId);
        Assert.Equal((IssuedDocumentKinds.ClaimForDistributionNotice, (long?)tp.Id), (notice.Kind, notice.TaxpayerId));
        Assert.NotEqual(view.DocumentId, view.NoticeDocumentId);
        var path = Path.Combine(Path.GetDirectoryName(pdf!)!, ClaimsForDistribution.NoticeFileName(notice.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var text = Poppler.Text(File.ReadAllBytes(path), layout: true);
        Assert.Contains("交付要求通知書", text);
        Assert.Contains("国税徴収法第82条第1項", Flat(text));
        Assert.Contains("同条第2項の規定により通知します", Flat(text));
        Assert.Contains("鹿児島税務署", text);
        Assert.Contains("通知 花子", text);
        Assert.Contains("70,000", text);
    }
}
