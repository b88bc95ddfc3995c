using Choshu.App.Enforcement;
using Choshu.App.Cases;
using Choshu.App.Reconciliation;
using Choshu.App.Security;
using Choshu.App.Tests.Cases;
using Choshu.Data;
using Choshu.Data.Documents;
using Choshu.Domain;
using Choshu.Domain.Claims;
using Choshu.Domain.Enforcement;
using Choshu.Domain.Ledger;
using Choshu.Formats.Payments;
using Choshu.Domain.Reconciliation;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Choshu.App.Tests.Enforcement;

/// <summary>
/// 交付要求, 滞納処分費, 公売 and 配当, 破産 (issue 15 items 4–5) on both stores. Today is 2026-11-26 (JST); the officer in charge of every
/// case is 200001. The claims fall due 2026-09-30 or later, so their late fee up to the days used here is under 1,000 yen and therefore 0
/// (domain.md §2): every amount below is principal, hand-checkable.
/// </summary>
public sealed class EnforcementTests(CaseStaffStores stores) : IClassFixture<CaseStaffStores>
{
    public static TheoryData<StoreProvider> Providers => CaseStaffStores.Providers;

    private static readonly FakeTimeProvider Today = new(new DateTimeOffset(2026, 11, 26, 3, 0, 0, TimeSpan.Zero));

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    private static int _next;

    private async Task<(long Id, string No, long[] Installments)> TaxpayerAsync(ChoshuDbContext db, string name, params LedgerSeed.Inst[] claims)
    {
        var n = Interlocked.Increment(ref _next);
        var no = $"21500{n:D5}";
        var id = await LedgerSeed.TaxpayerAsync(db, no, name);
        var t = await db.Taxpayers.SingleAsync(x => x.Id == id);
        t.Facts = t.Facts with { PostalCode = "8920816", TownName = "鹿児島県鹿児島市山下町", StreetNumber = $"{n}番1号" };
        await db.SaveChangesAsync();
        db.ChangeTracker.Clear();
        var inst = await LedgerSeed.AssessmentAsync(db, id, "01", 2026, $"E{no}", claims);
        var cases = new CaseUpdates(db, Today);
        var c = await cases.OpenAsync(stores.Approver, no);
        await cases.AssignAsync(stores.Approver, c.Id, "200001");
        return (id, no, inst);
    }

    private static async Task<int> LastAuditKindAsync(ChoshuDbContext db) =>
        (int)(await db.AuditEvents.AsNoTracking().OrderByDescending(e => e.Id).FirstAsync()).Kind;

    /// <summary>
    /// Claims 100,000 (法定納期限 2026-09-30) and 80,000 (2026-10-31); 滞納処分費 3,000. A 交付要求 to the court writes a claim event 41 on
    /// both and the 交付要求書. 150,000 received: costs 3,000 first, then 100,000 to the earlier claim and 47,000 to the later (33,000 left);
    /// the same receipt again books nothing. Ending it closes both events.
    /// </summary>
    [Theory, MemberData(nameof(Providers))]
    public async Task ClaimForDistribution_Events41_Form_ReceiptCostsFirstOnce_End(StoreProvider provider)
    {
        var store = stores[provider];
        await using var db = store.Open();
        var tp = await TaxpayerAsync(db, "交付 太郎", new(1, D(2026, 9, 30), 100_000), new(2, D(2026, 10, 31), 80_000));
        var records = new EnforcementRecords(db, Today);
        await records.ChargeCostAsync(stores.Officer, tp.No, 3_000, "差押登記の登録免許税", D(2026, 11, 20));
        Assert.Equal(3403, await LastAuditKindAsync(db));

        var dir = Path.Combine(Path.GetTempPath(), "choshu-h15d-" + Guid.NewGuid().ToString("N"));
        var (view, pdf) = await new ClaimsForDistribution(db, Today).RecordAsync(stores.Officer, new ClaimForDistributionRequest(tp.No,
            ClaimForDistributionKind.ClaimForDistribution, EnforcementBodyKind.Court, "鹿児島地方裁判所", D(2026, 11, 24), D(2026, 11, 25), "令和8年(ケ)第123号"), dir);

        Assert.Equal([(tp.Installments[0], 100_000L), (tp.Installments[1], 80_000L)], view.Lines.Select(l => (l.InstallmentId, l.Total)));
        Assert.Equal(3400, await LastAuditKindAsync(db));
        var events = await db.ClaimEvents.AsNoTracking().Where(e => tp.Installments.Contains(e.InstallmentId)).ToListAsync();
        Assert.Equal(2, events.Count(e => e.Kind == ClaimEventKind.ClaimForDistribution && e.On == D(2026, 11, 24) && e.EndsOn == null));
        var doc = await db.IssuedDocuments.AsNoTracking().SingleAsync(d => d.Id == view.DocumentId);
        Assert.Equal((IssuedDocumentKinds.ClaimForDistribution, (long?)tp.Id), (doc.Kind, doc.TaxpayerId));
        var text = Poppler.Text(File.ReadAllBytes(pdf!), layout: true);
        Assert.Contains("交付要求書", text);
        Assert.Contains("第82条第1項", text);
        Assert.Contains("鹿児島地方裁判所", text);
        Assert.Contains("100,000", text);
        // The court is addressed 御中; the delinquent's 宛名番号 is printed once, in the body as 滞納者, not under the addressee.
        Assert.Contains("御中", text);
        Assert.DoesNotContain("様", text);
        Assert.Equal(1, text.Split($"宛名番号 {tp.No}").Length - 1);
        Assert.Contains($"滞納者: 交付 太郎（宛名番号 {tp.No}）", text);
        // docs/forms/claim-for-distribution.png is drawn from this PDF (set CHOSHU_FORM_SAMPLES to a directory to keep it).
        if (Environment.GetEnvironmentVariable("CHOSHU_FORM_SAMPLES") is { Length: > 0 } samples && provider == StoreProvider.Postgres)
            File.Copy(pdf!, Path.Combine(samples, "claim-for-distribution.pdf"), overwrite: true);

        var first = await DistributionBooking.ReceiveAsync(store.Store, Today, stores.Officer, view.Id, 150_000, D(2026, 11, 26), "配当表 第1回");
        Assert.False(first.Duplicate);
        Assert.Equal(3_000, first.ToCosts);
        Assert.Equal([(tp.Installments[0], 100_000L), (tp.Installments[1], 47_000L)], first.ToClaims.Select(c => (c.InstallmentId, c.Amount)));
        Assert.Equal(0, first.Overpaid);
        Assert.Equal(3402, await LastAuditKindAsync(db));
        var payments = await db.Payments.AsNoTracking().Where(p => p.InstallmentId != null && tp.Installments.Contains(p.InstallmentId.Value)).ToListAsync();
        Assert.Equal([(PaymentChannel.Distribution, 100_000L), (PaymentChannel.Distribution, 47_000L)], payments.OrderBy(p => p.Id).Select(p => (p.Channel, p.Amount)));

        var again = await DistributionBooking.ReceiveAsync(store.Store, Today, stores.Officer, view.Id, 150_000, D(2026, 11, 26), "配当表 第1回");
        Assert.True(again.Duplicate);
        Assert.Equal(2, await db.Payments.CountAsync(p => p.InstallmentId != null && tp.Installments.Contains(p.InstallmentId.Value)));
        var section = await records.SectionAsync(view.CaseId);
        Assert.Equal((3_000L, 3_000L, 0L), (section.CostsCharged, section.CostsPaid, section.CostsOutstanding));
        Assert.Equal(150_000, Assert.Single(section.ClaimsForDistribution).Received);

        var ended = await new ClaimsForDistribution(db, Today).EndAsync(stores.Officer, view.Id, D(2026, 11, 26), "配当の実施により手続終了");
        Assert.Equal(D(2026, 11, 26), ended.EndedOn);
        Assert.Equal(3401, await LastAuditKindAsync(db));
        var inForce = ClaimEvent.InForce(await db.ClaimEvents.AsNoTracking().Where(e => tp.Installments.Contains(e.InstallmentId)).ToListAsync())
            .Where(e => e.Kind == ClaimEventKind.ClaimForDistribution).ToList();
        Assert.Equal(2, inForce.Count(e => e.EndsOn == D(2026, 11, 26)));
        Assert.Equal("enforcement.already_ended",
            (await Assert.ThrowsAsync<DomainException>(() => new ClaimsForDistribution(db, Today).EndAsync(stores.Officer, view.Id, D(2026, 11, 26), "再"))).Code);

        // Another officer may not record one on this case (officer-only policy).
        await Assert.ThrowsAsync<AccessDeniedException>(() => new ClaimsForDistribution(db, Today).RecordAsync(stores.Colleague,
            new ClaimForDistributionRequest(tp.No, ClaimForDistributionKind.ClaimForDistribution, EnforcementBodyKind.TaxOffice, "鹿児島税務署", D(2026, 11, 24)), null));
    }

    /// <summary>
    /// 参加差押 to the tax office that seized the taxpayer's land: refused without the property (Japanese message); then recorded for the
    /// claim of 50,000 (法定納期限 2026-09-30) sent 2026-11-25. The 参加差押書 cites 国税徴収法86条1項, is addressed to 鹿児島税務署 御中 (no
    /// 宛名番号 under it), names the property and the delinquent with the 宛名番号 once, in the body, and shows 50,000.
    /// </summary>
    [Theory, MemberData(nameof(Providers))]
    public async Task ParticipatingSeizure_PropertyRequired_FormToTheTaxOffice(StoreProvider provider)
    {
        var store = stores[provider];
        await using var db = store.Open();
        var tp = await TaxpayerAsync(db, "参加 次郎", new LedgerSeed.Inst(1, D(2026, 9, 30), 50_000));
        var records = new ClaimsForDistribution(db, Today);
        var refused = await Assert.ThrowsAsync<DomainException>(() => records.RecordAsync(stores.Officer, new ClaimForDistributionRequest(tp.No,
            ClaimForDistributionKind.ParticipatingSeizure, EnforcementBodyKind.TaxOffice, "鹿児島税務署", D(2026, 11, 25)), null));
        Assert.Equal(("enforcement.property_required", "参加差押には、他の執行機関が差し押さえた財産の表示を入力してください。"), (refused.Code, refused.Message));

        var dir = Path.Combine(Path.GetTempPath(), "choshu-h15p-" + Guid.NewGuid().ToString("N"));
        var (view, pdf) = await records.RecordAsync(stores.Officer, new ClaimForDistributionRequest(tp.No, ClaimForDistributionKind.ParticipatingSeizure,
            EnforcementBodyKind.TaxOffice, "鹿児島税務署", D(2026, 11, 25), ProcedureRef: "鹿税徴第45号", Property: "土地 鹿児島市山下町11番1 宅地 150.00㎡"), dir);
        Assert.Equal(50_000, Assert.Single(view.Lines).Total);
        var text = Poppler.Text(File.ReadAllBytes(pdf!), layout: true);
        if (Environment.GetEnvironmentVariable("CHOSHU_FORM_SAMPLES") is { Length: > 0 } samples && provider == StoreProvider.Postgres)
            File.Copy(pdf!, Path.Combine(samples, "participating-seizure.pdf"), overwrite: true);
        Assert.Contains("参加差押書", text);
        Assert.Contains("第86条第1項", text);
        Assert.Contains("鹿児島税務署 御中", text);
        Assert.DoesNotContain("様", text);
        Assert.Contains("土地 鹿児島市山下町11番1 宅地 150.00㎡", text);
        Assert.Equal(1, text.Split($"宛名番号 {tp.No}").Length - 1);
        Assert.Contains("50,000", text);
    }

    /// <summary>
    /// 滞納処分費 first out of an ordinary payment (国税徴収法137条): a claim of 20,000 due 2026-10-31 (late fee to 2026-11-26 under 1,000
    /// yen, so 0) and costs of 3,000 charged. A counter payment of 10,000 on 2026-11-26 pays the costs 3,000 and the principal 7,000
    /// (13,000 left); the case file's section then shows 3,000 charged, 3,000 paid, 0 unpaid. A second payment of 5,000 goes wholly to the
    /// principal (8,000 left). Reversing the first payment makes the 3,000 of costs unpaid again.
    /// </summary>
    [Theory, MemberData(nameof(Providers))]
    public async Task Payment_PaysUnpaidEnforcementCostsFirst_Costs3000_Principal7000(StoreProvider provider)
    {
        var store = stores[provider];
        await using var db = store.Open();
        var tp = await TaxpayerAsync(db, "費用 花子", new LedgerSeed.Inst(1, D(2026, 10, 31), 20_000));
        var inst = tp.Installments[0];
        var records = new EnforcementRecords(db, Today);
        await records.ChargeCostAsync(stores.Officer, tp.No, 3_000, "差押物の運搬費", D(2026, 11, 20));
        var caseId = await db.CollectionCases.AsNoTracking().Where(c => c.TaxpayerId == tp.Id).Select(c => c.Id).SingleAsync();
        Assert.Equal(3_000, (await EnforcementCostBalances.OfAsync(db, tp.Id, default)).Unpaid);

        static PaymentRecord Counter(long installmentId, long amount, string receiptNo)
        {
            var key = new MatchKey(installmentId);
            return new PaymentRecord(0, PaymentRecordKind.Payment, PaymentChannel.Counter, key.Value, key, amount, new DateOnly(2026, 11, 26), new DateOnly(2026, 11, 26),
                "窓口", PaymentDetails.CounterKeyPrefix + receiptNo, $"窓口: テスト {amount}円 領収番号 {receiptNo}");
        }
        async Task<long> PrincipalLeftAsync() =>
            await db.JournalEntries.AsNoTracking().Where(j => j.InstallmentId == inst && j.Component == LedgerComponent.Principal).SumAsync(j => j.Amount);

        // The 収納日計表 of 2026-11-26 (this class's store; tests of a class run one at a time): the day's counter line grows by
        // 10,000 = principal 7,000 + 滞納処分費 3,000, so its parts still add up to the money received.
        async Task<Choshu.App.Reports.DailyLine> CounterLineAsync() =>
            (await Choshu.App.Reports.DailyReportQuery.LiveAsync(db, D(2026, 11, 26))).Booked
                .SingleOrDefault(l => l.Channel == PaymentChannel.Counter && l.TaxKindCode == "01")
            ?? new Choshu.App.Reports.DailyLine(PaymentChannel.Counter, "01", "", 0, 0, 0, 0, 0, 0);
        var before = await CounterLineAsync();

        var first = await SinglePaymentBooking.BookAsync(store.Store, Counter(inst, 10_000, $"C1-{tp.No}"), stores.Clerk, Today, CancellationToken.None);
        Assert.Equal((BookingOutcome.Booked, 10_000L, 0L), (first.Outcome, first.Amount, first.Overpaid));
        var after = await CounterLineAsync();
        Assert.Equal((1, 10_000L, 7_000L, 3_000L),
            (after.Count - before.Count, after.Amount - before.Amount, after.Principal - before.Principal, after.EnforcementCost - before.EnforcementCost));
        Assert.Equal(after.Amount, after.Principal + after.ReminderFee + after.LateFee + after.Overpaid + after.EnforcementCost);
        var toPrincipal = await db.JournalEntries.AsNoTracking().Where(j => j.PaymentId == first.PaymentId && j.Component == LedgerComponent.Principal).SumAsync(j => j.Amount);
        Assert.Equal(-7_000, toPrincipal);
        var costPayment = await db.EnforcementCostPayments.AsNoTracking().SingleAsync(x => x.PaymentId == first.PaymentId);
        Assert.Equal((tp.Id, 3_000L, D(2026, 11, 26)), (costPayment.TaxpayerId, costPayment.Amount, costPayment.PaidOn));
        Assert.Equal(13_000, await PrincipalLeftAsync());
        var balance = await EnforcementCostBalances.OfAsync(db, tp.Id, default);
        Assert.Equal((3_000L, 0L, 3_000L, 0L), (balance.Charged, balance.PaidByDistribution, balance.PaidByPayments, balance.Unpaid));
        var section = await records.SectionAsync(caseId);
        Assert.Equal((3_000L, 3_000L, 0L), (section.CostsCharged, section.CostsPaid, section.CostsOutstanding));

        var second = await SinglePaymentBooking.BookAsync(store.Store, Counter(inst, 5_000, $"C2-{tp.No}"), stores.Clerk, Today, CancellationToken.None);
        Assert.Equal(BookingOutcome.Booked, second.Outcome);
        Assert.False(await db.EnforcementCostPayments.AsNoTracking().AnyAsync(x => x.PaymentId == second.PaymentId));
        Assert.Equal(8_000, await PrincipalLeftAsync());

        await new PaymentCorrections(store.Store, Today, stores.Clerk).ReverseAsync(first.PaymentId!.Value, "金額の入力誤り", CancellationToken.None);
        Assert.Equal(3_000, (await EnforcementCostBalances.OfAsync(db, tp.Id, default)).Unpaid);
        Assert.Equal(15_000, await PrincipalLeftAsync());
    }

    /// <summary>
    /// A sale of land: estimated 1,000,000, sold for 1,500,000 after the appeal was decided (refused while pending). 配当計算書 sent 2026-11-19,
    /// 交付期日 2026-11-26: costs 50,000 → 1,450,000; step one mortgage (2020-01-10) 700,000, tax office (2026-03-15) 300,000, the city
    /// (2026-10-31) 200,000 → taxes' total 500,000; step two the city (seizing) 200,000, the tax office 300,000; surplus 250,000; the
    /// unsecured 500,000 nothing. Carried out: 50,000 to the costs and 200,000 booked to the city's claim (channel 7), once.
    /// </summary>
    [Theory, MemberData(nameof(Providers))]
    public async Task PublicSale_AppealBlocksDecision_Statement_ExecuteBooksCityShareOnce(StoreProvider provider)
    {
        var store = stores[provider];
        await using var db = store.Open();
        var tp = await TaxpayerAsync(db, "公売 花子", new LedgerSeed.Inst(1, D(2026, 10, 31), 200_000));
        await new EnforcementRecords(db, Today).ChargeCostAsync(stores.Officer, tp.No, 50_000, "公売の費用（鑑定・公告）", D(2026, 11, 1));
        var sales = new PublicSales(db, Today);
        var sale = await sales.RecordAsync(stores.Officer, tp.No, "土地 鹿児島市山下町11番 宅地 150㎡", 1_000_000, seizureId: 901);
        Assert.Equal(3407, await LastAuditKindAsync(db));
        await sales.NoticeAsync(stores.Officer, sale.Id, D(2026, 11, 2), D(2026, 11, 13), 100_000);
        await sales.AppealAsync(stores.Officer, tp.No, sale.Id, "差押処分", D(2026, 11, 10));
        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            sales.DecideAsync(stores.Officer, sale.Id, D(2026, 11, 16), "買受 太郎", 1_500_000, D(2026, 11, 20)));
        Assert.Equal("enforcement.appeal_pending", refused.Code);
        Assert.Contains("不服申立て", refused.Message);
        var appeal = Assert.Single(await sales.AppealsAsync(sale.CaseId));
        await sales.AppealDecidedAsync(stores.Officer, appeal.Id, D(2026, 11, 16), "棄却");
        Assert.Equal("enforcement.price_below_estimate", (await Assert.ThrowsAsync<DomainException>(() =>
            sales.DecideAsync(stores.Officer, sale.Id, D(2026, 11, 16), "買受 太郎", 999_999, D(2026, 11, 20)))).Code);
        await sales.DecideAsync(stores.Officer, sale.Id, D(2026, 11, 16), "買受 太郎", 1_500_000, D(2026, 11, 20));
        await sales.PaidAsync(stores.Officer, sale.Id, D(2026, 11, 19));
        var registered = await sales.RegistrationAsync(stores.Officer, sale.Id, D(2026, 11, 20));
        Assert.Equal(("権利移転登記嘱託済", (long?)901), (registered.Stage, registered.SeizureId));

        var dir = Path.Combine(Path.GetTempPath(), "choshu-h15d-" + Guid.NewGuid().ToString("N"));
        var (statement, pdf) = await sales.StatementAsync(stores.Officer, new DistributionStatementRequest(sale.Id, D(2026, 11, 19),
            [new DistributionTax("鹿児島税務署", "申告所得税", 300_000, D(2026, 3, 15), DistributionTaxStanding.ClaimForDistribution, D(2026, 11, 15))],
            [new DistributionSecurity("鹿児島銀行", "抵当権", 700_000, D(2020, 1, 10))],
            [("取引先", 500_000L)]), dir);
        Assert.Equal(3408, await LastAuditKindAsync(db));
        var r = statement.Result;
        Assert.Equal((1_500_000L, 50_000L, 500_000L, 250_000L), (r.Proceeds, r.CostsPaid, r.TaxPool, r.Surplus));
        Assert.Equal([("鹿児島市", 200_000L), ("鹿児島税務署", 300_000L)], r.Taxes.Select(t => (t.Creditor, t.Allocated)).OrderBy(t => t.Item2));
        Assert.Equal(700_000, r.Securities[0].Allocated);
        Assert.Equal(0, r.Unsecured[0].Allocated);
        Assert.Equal((200_000L, 250_000L, D(2026, 11, 26)), (statement.CityShare, statement.Surplus, statement.DistributeOn));
        var text = Poppler.Text(File.ReadAllBytes(pdf!), layout: true);
        Assert.Contains("配当計算書", text);
        Assert.Contains("残余金", text);
        Assert.Contains("250,000", text);
        Assert.Contains("鹿児島銀行", text);

        var done = await PublicSales.ExecuteAsync(store.Store, Today, stores.Officer, statement.Id);
        Assert.Equal(D(2026, 11, 26), done.ExecutedOn);
        var pay = Assert.Single(await db.Payments.AsNoTracking().Where(p => p.InstallmentId == tp.Installments[0]).ToListAsync());
        Assert.Equal((PaymentChannel.Distribution, 200_000L, D(2026, 11, 26)), (pay.Channel, pay.Amount, pay.PaidOn));
        var receipt = await db.DistributionReceipts.AsNoTracking().SingleAsync(x => x.DistributionId == statement.Id);
        Assert.Equal((250_000L, 50_000L, 200_000L, 0L), (receipt.Amount, receipt.ToCosts, receipt.ToClaims, receipt.Overpaid));
        Assert.Equal("distribution.executed",
            (await Assert.ThrowsAsync<DomainException>(() => PublicSales.ExecuteAsync(store.Store, Today, stores.Officer, statement.Id))).Code);
    }

    /// <summary>
    /// Bankruptcy decided 2026-03-10: a claim due 2025-03-10 is a 財団債権 (one year from its 納期限 ends at the end of 2026-03-10), one due
    /// 2025-03-09 an 優先的破産債権. A discharge writes nothing off; the corporation's dissolution extinguishes both claims at once.
    /// </summary>
    [Fact]
    public async Task Bankruptcy_ClassifiesByDueDay_DischargeKeepsTaxes_DissolutionExtinguishes()
    {
        await using var db = stores[StoreProvider.Sqlite].Open();
        var tp = await TaxpayerAsync(db, "株式会社破産", new(1, D(2025, 3, 10), 50_000), new(2, D(2025, 3, 9), 60_000));
        var records = new EnforcementRecords(db, Today);
        var ins = await records.RecordInsolvencyAsync(stores.Officer, tp.No, InsolvencyKind.Bankruptcy, D(2026, 3, 10), "鹿児島地方裁判所", "令和8年(フ)第45号", "弁護士 管財 一郎");
        Assert.Equal(3404, await LastAuditKindAsync(db));
        Assert.Equal([(tp.Installments[0], BankruptcyClass.EstateClaim), (tp.Installments[1], BankruptcyClass.PriorityClaim)],
            ins.Claims.OrderBy(c => c.InstallmentId).Select(c => (c.InstallmentId, c.Class)));

        await records.DischargeAsync(stores.Officer, ins.Id, D(2026, 9, 1));
        Assert.False(await db.ClaimEvents.AnyAsync(e => tp.Installments.Contains(e.InstallmentId)));

        var dissolved = await records.DissolveAsync(stores.Officer, ins.Id, D(2026, 11, 20));
        Assert.Equal(D(2026, 11, 20), dissolved.DissolvedOn);
        var events = await db.ClaimEvents.AsNoTracking().Where(e => tp.Installments.Contains(e.InstallmentId)).ToListAsync();
        Assert.Equal(2, events.Count(e => e.Kind == ClaimEventKind.ImmediateExtinction && e.On == D(2026, 11, 20)));
        Assert.Equal(2, events.Count(e => e.Kind == ClaimEventKind.Stay && e.StayGround == StayGround.NoProperty));
    }
}
