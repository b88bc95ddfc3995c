using System.Globalization;
using System.Text.Json;
using Choshu.App.Assessments;
using Choshu.App.Claims;
using Choshu.App.Documents;
using Choshu.App.Reconciliation;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Documents;
using Choshu.Data.Enforcement;
using Choshu.Domain;
using Choshu.Domain.Cases;
using Choshu.Domain.Claims;
using Choshu.Domain.Enforcement;
using Choshu.Formats.Text;
using Choshu.Forms;
using Microsoft.EntityFrameworkCore;
using static Choshu.App.Enforcement.EnforcementSupport;

namespace Choshu.App.Enforcement;

/// <summary>A public sale as it stands.</summary>
public sealed record PublicSaleView(
    long Id, long CaseId, long? SeizureId, string Property, long EstimatedPrice, DateOnly? NoticeOn, DateOnly? SaleOn, long Deposit, DateOnly? DecidedOn,
    string? Buyer, long? Price, DateOnly? PaymentDeadline, DateOnly? PaidOn, DateOnly? RegistrationRequestedOn)
{
    /// <summary>The step reached, in words.</summary>
    public string Stage => RegistrationRequestedOn is not null ? "権利移転登記嘱託済" : PaidOn is not null ? "代金納付済" : DecidedOn is not null ? "売却決定"
        : NoticeOn is not null ? "公告済" : "見積価額決定";
}

/// <summary>An appeal (不服申立て) against an enforcement step.</summary>
public sealed record EnforcementAppealView(long Id, long CaseId, long? PublicSaleId, string Subject, DateOnly FiledOn, DateOnly? DecidedOn, string? Outcome)
{
    public bool Pending => DecidedOn is null;
}

/// <summary>Another party's claim on the proceeds, as entered for the 配当計算書: a tax (with its standing) or a security.</summary>
public sealed record DistributionStatementRequest(
    long PublicSaleId,
    DateOnly SentOn,
    IReadOnlyList<DistributionTax> OtherTaxes,
    IReadOnlyList<DistributionSecurity> Securities,
    IReadOnlyList<(string Creditor, long Amount)> Unsecured);

/// <summary>A 配当計算書 as stored: the rule's input and result, the days, the city's share and the surplus.</summary>
public sealed record DistributionView(long Id, long CaseId, long? PublicSaleId, DistributionResult Result, DateOnly SentOn, DateOnly DistributeOn,
    DateOnly? ExecutedOn, long CityShare, long Surplus, long? DocumentId);

/// <summary>
/// 公売 (public auction) of seized property and the distribution of its proceeds (issue 15 item 5): the sale's steps (見積価額, 公告, 公売保証金,
/// 売却決定, 代金納付, 権利移転登記の嘱託) recorded as they happen (case event 107, audit 3407), no sale decided while an appeal (不服申立て) on
/// the case is pending (国税徴収法90条); then the 配当計算書 computed by <see cref="DistributionRule"/> from the proceeds, the case's unpaid
/// 滞納処分費, the city's claims (seizing) and the other parties entered, printed and sent (case event 108, audit 3408); the distribution is
/// carried out on the day 7 days have passed from sending (国税徴収法132条), booking the costs and the city's share to the claims that earned it
/// (<see cref="DistributionBooking"/>, channel 7) and recording the surplus to the taxpayer. The sale points at its seizure by id only
/// (<see cref="PublicSale.SeizureId"/>, no FK: the seizure records are another feature's).
/// </summary>
public sealed class PublicSales(ChoshuDbContext db, TimeProvider clock)
{
    public const string StatementTemplate = "distribution-statement";
    public const int TemplateVersion = 1;
    /// <summary>交付期日: the day 7 days have passed counted from the day the statement was sent (国税徴収法132条2項).</summary>
    public const int DaysToDistribution = 7;

    private static readonly JsonSerializerOptions Json = new() { IncludeFields = true };

    public async Task<PublicSaleView> RecordAsync(Actor actor, string taxpayerNo, string property, long estimatedPrice, long? seizureId, CancellationToken ct = default)
    {
        var what = Text(property, "財産の表示");
        Positive(estimatedPrice, "見積価額");
        var party = await PartyAsync(db, taxpayerNo, ct);
        long id = 0;
        await RunAsync(db, clock, actor, party.CaseId, CaseEventKind.PublicSaleRecorded, async change =>
        {
            var row = new PublicSale
            {
                CaseId = party.CaseId, TaxpayerId = party.TaxpayerId, SeizureId = seizureId, Property = what, EstimatedPrice = estimatedPrice,
                RecordedBy = change.Stamp.ActorName, RecordedAtUtc = change.Stamp.RecordedAtUtc,
            };
            db.PublicSales.Add(row);
            await db.SaveChangesAsync(ct);
            id = row.Id;
            return $"公売 {row.Id}: {what}、見積価額 {Yen(estimatedPrice)}" + (seizureId is { } s ? $"、差押 {s}" : "");
        }, ct);
        return await SaleAsync(id, ct);
    }

    /// <summary>公売公告: the notice day, the sale day and the deposit (公売保証金, 0 when none is required).</summary>
    public Task<PublicSaleView> NoticeAsync(Actor actor, long saleId, DateOnly noticeOn, DateOnly saleOn, long deposit, CancellationToken ct = default) =>
        StepAsync(actor, saleId, (row, today) =>
        {
            if (row.DecidedOn is not null) throw Stage(row, "公告");
            NotFuture(noticeOn, today, "公告日");
            if (saleOn < noticeOn.AddDays(10))
                throw new DomainException("enforcement.sale_too_soon", $"公売の日 {D(saleOn)} は公告日 {D(noticeOn)} から少なくとも10日を経過した後の日にしてください（国税徴収法95条1項）。");
            if (deposit < 0) throw new DomainException("enforcement.amount_invalid", "公売保証金は0円以上で入力してください。");
            (row.NoticeOn, row.SaleOn, row.Deposit) = (noticeOn, saleOn, deposit);
            return $"公売 {row.Id}: 公告 {D(noticeOn)}、公売の日 {D(saleOn)}、公売保証金 {Yen(deposit)}";
        }, ct);

    /// <summary>売却決定: refused while an appeal on the case is pending, before the sale day, or below the 見積価額.</summary>
    public Task<PublicSaleView> DecideAsync(Actor actor, long saleId, DateOnly decidedOn, string buyer, long price, DateOnly paymentDeadline, CancellationToken ct = default) =>
        StepAsync(actor, saleId, async (row, today) =>
        {
            var who = Text(buyer, "買受人");
            if (row.SaleOn is not { } saleOn) throw new DomainException("enforcement.sale_not_noticed", $"公売 {row.Id} は公告されていません。売却決定の前に公告を記録してください。");
            if (row.DecidedOn is not null) throw Stage(row, "売却決定");
            NotFuture(decidedOn, today, "売却決定日");
            if (decidedOn < saleOn) throw new DomainException("enforcement.decided_before_sale", $"売却決定日 {D(decidedOn)} が公売の日 {D(saleOn)} より前です。");
            var pending = await db.EnforcementAppeals.AsNoTracking().Where(a => a.CaseId == row.CaseId && a.DecidedOn == null && a.FiledOn <= decidedOn)
                .OrderBy(a => a.Id).FirstOrDefaultAsync(ct);
            if (pending is not null)
                throw new DomainException("enforcement.appeal_pending",
                    $"不服申立て {pending.Id}（{pending.Subject}、{D(pending.FiledOn)} 申立て）の決定がされていないため、売却決定はできません（国税徴収法90条）。");
            if (price < row.EstimatedPrice)
                throw new DomainException("enforcement.price_below_estimate", $"売却価額 {Yen(price)} が見積価額 {Yen(row.EstimatedPrice)} に達していません（国税徴収法104条）。");
            if (paymentDeadline < decidedOn) throw new DomainException("enforcement.deadline_before_decision", $"代金納付期限 {D(paymentDeadline)} が売却決定日 {D(decidedOn)} より前です。");
            (row.DecidedOn, row.Buyer, row.Price, row.PaymentDeadline) = (decidedOn, who, price, paymentDeadline);
            return $"公売 {row.Id}: 売却決定 {D(decidedOn)}、買受人 {who}、売却価額 {Yen(price)}、代金納付期限 {D(paymentDeadline)}";
        }, ct);

    /// <summary>代金納付: the buyer paid the price (the proceeds) by the deadline.</summary>
    public Task<PublicSaleView> PaidAsync(Actor actor, long saleId, DateOnly paidOn, CancellationToken ct = default) =>
        StepAsync(actor, saleId, (row, today) =>
        {
            if (row.DecidedOn is not { } decided || row.PaymentDeadline is not { } deadline)
                throw new DomainException("enforcement.sale_not_decided", $"公売 {row.Id} は売却決定されていません。");
            if (row.PaidOn is not null) throw Stage(row, "代金納付");
            NotFuture(paidOn, today, "代金納付日");
            if (paidOn < decided || paidOn > deadline)
                throw new DomainException("enforcement.paid_outside_deadline", $"代金納付日 {D(paidOn)} は売却決定日 {D(decided)} から代金納付期限 {D(deadline)} までの日でなければなりません（期限後は売却決定を取り消します: 国税徴収法115条4項）。");
            row.PaidOn = paidOn;
            return $"公売 {row.Id}: 代金納付 {D(paidOn)} {Yen(row.Price!.Value)}（換価代金）";
        }, ct);

    /// <summary>権利移転の登記の嘱託 (国税徴収法121条) after the price was paid.</summary>
    public Task<PublicSaleView> RegistrationAsync(Actor actor, long saleId, DateOnly requestedOn, CancellationToken ct = default) =>
        StepAsync(actor, saleId, (row, today) =>
        {
            if (row.PaidOn is not { } paid) throw new DomainException("enforcement.sale_not_paid", $"公売 {row.Id} の代金は納付されていません。");
            if (row.RegistrationRequestedOn is not null) throw Stage(row, "権利移転登記の嘱託");
            NotFuture(requestedOn, today, "嘱託日");
            if (requestedOn < paid) throw new DomainException("enforcement.registration_before_payment", $"嘱託日 {D(requestedOn)} が代金納付日 {D(paid)} より前です。");
            row.RegistrationRequestedOn = requestedOn;
            return $"公売 {row.Id}: 権利移転登記の嘱託 {D(requestedOn)}（買受人 {row.Buyer}）";
        }, ct);

    /// <summary>不服申立て filed against an enforcement step of the case (optionally a sale): no sale is decided while it is pending.</summary>
    public async Task<EnforcementAppealView> AppealAsync(Actor actor, string taxpayerNo, long? saleId, string subject, DateOnly filedOn, CancellationToken ct = default)
    {
        var what = Text(subject, "不服申立ての対象");
        var party = await PartyAsync(db, taxpayerNo, ct);
        long id = 0;
        await RunAsync(db, clock, actor, party.CaseId, CaseEventKind.PublicSaleRecorded, async change =>
        {
            NotFuture(filedOn, change.Stamp.On, "申立日");
            if (saleId is { } s && !await db.PublicSales.AnyAsync(x => x.Id == s && x.CaseId == party.CaseId, ct))
                throw new DomainException("enforcement.sale_not_found", $"公売 {s} はこの事案の公売ではありません。");
            var row = new EnforcementAppeal
            {
                CaseId = party.CaseId, TaxpayerId = party.TaxpayerId, PublicSaleId = saleId, Subject = what, FiledOn = filedOn,
                RecordedBy = change.Stamp.ActorName, RecordedAtUtc = change.Stamp.RecordedAtUtc,
            };
            db.EnforcementAppeals.Add(row);
            await db.SaveChangesAsync(ct);
            id = row.Id;
            return $"不服申立て {row.Id}: {what}、申立日 {D(filedOn)}（決定まで売却決定はできません）";
        }, ct);
        return (await AppealsAsync(party.CaseId, ct)).Single(a => a.Id == id);
    }

    public async Task<EnforcementAppealView> AppealDecidedAsync(Actor actor, long appealId, DateOnly decidedOn, string outcome, CancellationToken ct = default)
    {
        var what = Text(outcome, "決定の内容");
        var caseId = await db.EnforcementAppeals.AsNoTracking().Where(a => a.Id == appealId).Select(a => (long?)a.CaseId).SingleOrDefaultAsync(ct)
            ?? throw new DomainException("enforcement.appeal_not_found", $"不服申立て {appealId} は登録されていません。");
        await RunAsync(db, clock, actor, caseId, CaseEventKind.PublicSaleRecorded, async change =>
        {
            var row = await db.EnforcementAppeals.SingleAsync(a => a.Id == appealId, ct);
            if (row.DecidedOn is { } d) throw new DomainException("enforcement.appeal_decided", $"不服申立て {row.Id} は {D(d)} に決定済みです。");
            NotFuture(decidedOn, change.Stamp.On, "決定日");
            if (decidedOn < row.FiledOn) throw new DomainException("enforcement.decided_before_filed", $"決定日 {D(decidedOn)} が申立日 {D(row.FiledOn)} より前です。");
            (row.DecidedOn, row.Outcome) = (decidedOn, what);
            return $"不服申立て {row.Id}: 決定 {D(decidedOn)}（{what}）";
        }, ct);
        return (await AppealsAsync(caseId, ct)).Single(a => a.Id == appealId);
    }

    /// <summary>
    /// Makes the 配当計算書 of a paid sale: proceeds = the price; costs = the case's unpaid 滞納処分費; the city's claims in arrears (the seizing
    /// tax), each with what it owes on the 交付期日 and its 法定納期限等; the other parties as entered. Computed by <see cref="DistributionRule"/>,
    /// stored, printed to the taxpayer; distribution on <see cref="DaysToDistribution"/> days after <paramref name="request"/>.SentOn.
    /// </summary>
    public async Task<(DistributionView View, string? PdfPath)> StatementAsync(Actor actor, DistributionStatementRequest request, string? pdfDirectory, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var sale = await SaleRowAsync(request.PublicSaleId, ct);
        if (sale.PaidOn is null || sale.Price is not { } proceeds)
            throw new DomainException("enforcement.sale_not_paid", $"公売 {sale.Id} の代金は納付されていません。配当計算書は代金納付の後に作成します。");
        if (request.OtherTaxes.Any(t => t.Standing == DistributionTaxStanding.Seizing))
            throw new DomainException("distribution.seizing_twice", "この公売で差し押さえた租税は本市の市税です。他の租税は交付要求（参加差押）として入力してください。");
        var party = await PartyOfCaseAsync(db, sale.CaseId, ct);
        FormLetter? letter = null;
        long id = 0;
        await RunAsync(db, clock, actor, sale.CaseId, CaseEventKind.DistributionStatementIssued, async change =>
        {
            var today = change.Stamp.On;
            NotFuture(request.SentOn, today, "配当計算書の発送日");
            if (request.SentOn < sale.PaidOn!.Value)
                throw new DomainException("distribution.sent_before_payment", $"配当計算書の発送日 {D(request.SentOn)} が代金納付日 {D(sale.PaidOn)} より前です。");
            if (await db.Distributions.AnyAsync(d => d.PublicSaleId == sale.Id, ct))
                throw new DomainException("distribution.exists", $"公売 {sale.Id} の配当計算書は作成済みです。");
            var distributeOn = request.SentOn.AddDays(DaysToDistribution);
            var city = (await Settings.AppSettings.LoadAsync(db, ct)).City.Name;
            var ids = await new ClaimsForDistribution(db, clock).ArrearsAsync(party.TaxpayerId, today, ct);
            var refs = await InstallmentFinder.ByIdsAsync(db, ids, ct);
            var ledgers = await ClaimLedgers.LoadAsync(db, ids, ct);
            var ours = new List<DistributionTax>();
            foreach (var i in ids)
            {
                var owed = (await PaymentDesk.QuoteOfAsync(db, refs[i], distributeOn, ct)).Total;
                if (owed > 0)
                    ours.Add(new DistributionTax(city, refs[i].Name, owed, ledgers[i].Dates.StatutoryDueDate, DistributionTaxStanding.Seizing, null, i));
            }
            var unpaidCosts = (await EnforcementCostBalances.OfAsync(db, sale.TaxpayerId, ct)).Unpaid;
            var input = new DistributionInput(proceeds, unpaidCosts, [.. ours, .. request.OtherTaxes], request.Securities, request.Unsecured);
            var result = DistributionRule.Compute(input);
            DistributionRule.Parts(result);
            var cityShare = result.Taxes.Where(t => t.ClaimId is not null).Sum(t => t.Allocated);
            var row = new Distribution
            {
                CaseId = sale.CaseId, TaxpayerId = party.TaxpayerId, PublicSaleId = sale.Id, Proceeds = proceeds, Costs = result.CostsPaid, CityShare = cityShare,
                Surplus = result.Surplus, StatementJson = JsonSerializer.Serialize(result, Json), SentOn = request.SentOn, DistributeOn = distributeOn,
                RecordedBy = change.Stamp.ActorName, RecordedAtUtc = change.Stamp.RecordedAtUtc,
            };
            db.Distributions.Add(row);
            await db.SaveChangesAsync(ct);
            var (doc, l) = await LetterAsync(actor, party, sale, row, result, ledgers, refs, today, ct);
            row.DocumentId = doc.Id;
            letter = l;
            id = row.Id;
            return $"配当計算書 {row.Id}（公売 {sale.Id}）: 換価代金 {Yen(proceeds)} → 滞納処分費 {Yen(result.CostsPaid)}、本市 {Yen(cityShare)}、"
                + $"他の租税 {Yen(result.Taxes.Where(t => t.ClaimId is null).Sum(t => t.Allocated))}、担保権者 {Yen(result.Securities.Sum(s => s.Allocated))}、"
                + $"残余金 {Yen(result.Surplus)}; 発送 {D(request.SentOn)}、交付期日 {D(distributeOn)}、発行番号 {doc.Id}";
        }, ct);
        var path = ClaimsForDistribution.Write(pdfDirectory, $"{StatementTemplate}-{letter!.DocumentNo}.pdf", letter);
        return (await DistributionAsync(id, ct), path);
    }

    /// <summary>
    /// Carries out the distribution on or after its 交付期日: the costs and the city's share booked (channel 7) to the claims that earned it, each
    /// up to its share, exactly once; the surplus recorded as the taxpayer's (残余金, paid out by the cashier outside this system).
    /// </summary>
    public static async Task<DistributionView> ExecuteAsync(Store store, TimeProvider clock, Actor actor, long distributionId, CancellationToken ct = default)
    {
        DistributionView view;
        await using (var db = store.CreateContext())
            view = await new PublicSales(db, clock).DistributionAsync(distributionId, ct);
        var today = Domain.Calendar.JapanTime.Today(clock);
        if (view.ExecutedOn is { } done) throw new DomainException("distribution.executed", $"配当計算書 {view.Id} の配当は {D(done)} に実施済みです。");
        if (today < view.DistributeOn)
            throw new DomainException("distribution.too_early", $"配当（交付）は交付期日 {D(view.DistributeOn)} 以後に実施します（配当計算書の発送から7日を経過した日: 国税徴収法132条2項）。");
        DistributionRule.Parts(view.Result);
        var targets = view.Result.Taxes.Where(t => t.ClaimId is not null && t.Allocated > 0).Select(t => new DistributionBooking.Target(t.ClaimId!.Value, t.Allocated)).ToList();
        var amount = view.Result.CostsPaid + targets.Sum(t => t.Cap!.Value);
        var what = $"配当計算書 {view.Id} の配当（残余金 {Yen(view.Surplus)} は滞納者へ交付）";
        async Task MarkAsync(ChoshuDbContext db)
        {
            var row = await db.Distributions.SingleAsync(d => d.Id == distributionId, ct);
            row.ExecutedOn = today;
        }
        if (targets.Count == 0)
        {
            await using var db = store.CreateContext();
            await RunAsync(db, clock, actor, view.CaseId, CaseEventKind.DistributionStatementIssued, async _ =>
            {
                await MarkAsync(db);
                return $"{what}: 本市への配当なし";
            }, ct);
        }
        else
        {
            await DistributionBooking.BookAsync(store, clock, actor, view.CaseId, $"dist:{view.Id}", amount, view.Result.CostsPaid, view.DistributeOn, targets,
                null, view.Id, null, CaseEventKind.DistributionStatementIssued, what, MarkAsync, ct);
        }
        await using (var db = store.CreateContext())
            return await new PublicSales(db, clock).DistributionAsync(distributionId, ct);
    }

    public async Task<IReadOnlyList<PublicSaleView>> SalesAsync(long caseId, CancellationToken ct = default) =>
        (await db.PublicSales.AsNoTracking().Where(s => s.CaseId == caseId).OrderByDescending(s => s.Id).ToListAsync(ct)).Select(View).ToList();

    public async Task<IReadOnlyList<EnforcementAppealView>> AppealsAsync(long caseId, CancellationToken ct = default) =>
        (await db.EnforcementAppeals.AsNoTracking().Where(a => a.CaseId == caseId).OrderByDescending(a => a.Id).ToListAsync(ct))
            .Select(a => new EnforcementAppealView(a.Id, a.CaseId, a.PublicSaleId, a.Subject, a.FiledOn, a.DecidedOn, a.Outcome)).ToList();

    public async Task<IReadOnlyList<DistributionView>> DistributionsAsync(long caseId, CancellationToken ct = default)
    {
        var ids = await db.Distributions.AsNoTracking().Where(d => d.CaseId == caseId).OrderByDescending(d => d.Id).Select(d => d.Id).ToListAsync(ct);
        var list = new List<DistributionView>();
        foreach (var i in ids) list.Add(await DistributionAsync(i, ct));
        return list;
    }

    public async Task<DistributionView> DistributionAsync(long id, CancellationToken ct = default)
    {
        var d = await db.Distributions.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct)
            ?? throw new DomainException("distribution.not_found", $"配当計算書 {id} は登録されていません。");
        var result = JsonSerializer.Deserialize<DistributionResult>(d.StatementJson, Json)!;
        return new DistributionView(d.Id, d.CaseId, d.PublicSaleId, result, d.SentOn, d.DistributeOn, d.ExecutedOn, d.CityShare, d.Surplus, d.DocumentId);
    }

    public async Task<PublicSaleView> SaleAsync(long id, CancellationToken ct = default) => View(await SaleRowAsync(id, ct));

    private async Task<PublicSale> SaleRowAsync(long id, CancellationToken ct) =>
        await db.PublicSales.AsNoTracking().SingleOrDefaultAsync(s => s.Id == id, ct)
        ?? throw new DomainException("enforcement.sale_not_found", $"公売 {id} は登録されていません。");

    private static PublicSaleView View(PublicSale s) => new(s.Id, s.CaseId, s.SeizureId, s.Property, s.EstimatedPrice, s.NoticeOn, s.SaleOn, s.Deposit, s.DecidedOn,
        s.Buyer, s.Price, s.PaymentDeadline, s.PaidOn, s.RegistrationRequestedOn);

    private Task<PublicSaleView> StepAsync(Actor actor, long saleId, Func<PublicSale, DateOnly, string> step, CancellationToken ct) =>
        StepAsync(actor, saleId, (row, today) => Task.FromResult(step(row, today)), ct);

    private async Task<PublicSaleView> StepAsync(Actor actor, long saleId, Func<PublicSale, DateOnly, Task<string>> step, CancellationToken ct)
    {
        var sale = await SaleRowAsync(saleId, ct);
        await RunAsync(db, clock, actor, sale.CaseId, CaseEventKind.PublicSaleRecorded, async change =>
            await step(await db.PublicSales.SingleAsync(s => s.Id == saleId, ct), change.Stamp.On), ct);
        return await SaleAsync(saleId, ct);
    }

    private static DomainException Stage(PublicSale row, string step) =>
        new("enforcement.sale_stage", $"公売 {row.Id} は {View(row).Stage} の段階にあるため、{step}は記録できません。");

    /// <summary>The paragraphs of the 配当計算書 (docs/forms.md): every party with its claim, ranking day and share, then the surplus.</summary>
    public static List<string> Body(EnforcementParty party, PublicSale sale, Distribution row, DistributionResult r)
    {
        var body = new List<string>
        {
            "国税徴収法第131条（地方税法の規定によりその例によることとされる場合を含む。）の規定により、下記のとおり換価代金等の配当計算書を作成したので、その謄本を送付します。",
            $"滞納者: {party.Name}（宛名番号 {party.TaxpayerNo}）",
            $"換価財産: {sale.Property}（公売 {sale.Id}、売却決定 {JapaneseDate.Wareki(sale.DecidedOn!.Value)}）",
            $"換価代金: {Yen(r.Proceeds)}　交付期日: {JapaneseDate.Wareki(row.DistributeOn)}",
            $"1 滞納処分費: 配当額 {Yen(r.CostsPaid)}",
        };
        var n = 2;
        foreach (var t in r.Taxes.OrderByDescending(t => t.Allocated).ThenBy(t => t.RankingDay))
            body.Add($"{n++} 租税 {t.Creditor} {t.Label}（法定納期限等 {JapaneseDate.Wareki(t.RankingDay)}）: 債権額 {Yen(t.Claimed)}、配当額 {Yen(t.Allocated)}");
        foreach (var s in r.Securities)
            body.Add($"{n++} 担保権 {s.Creditor} {s.Label}（設定登記 {JapaneseDate.Wareki(s.RankingDay)}）: 債権額 {Yen(s.Claimed)}、配当額 {Yen(s.Allocated)}");
        foreach (var u in r.Unsecured)
            body.Add($"{n++} 一般債権 {u.Creditor}: 債権額 {Yen(u.Claimed)}、配当額 0円（国税徴収法129条1項）");
        body.Add($"{n} 残余金（滞納者へ交付）: {Yen(r.Surplus)}");
        body.Add($"租税と担保権の順位は法定納期限等と設定登記の日の先後により、租税の間では差押先着手・交付要求の受付順によります（国税徴収法26条の二段階計算、租税の総額 {Yen(r.TaxPool)}）。");
        body.Add("この配当計算書に関する異議は、交付期日までに申し出てください（国税徴収法133条）。");
        return body;
    }

    private async Task<(IssuedDocument Doc, FormLetter Letter)> LetterAsync(Actor actor, EnforcementParty party, PublicSale sale, Distribution row, DistributionResult r,
        Dictionary<long, Domain.Ledger.InstallmentLedger> ledgers, Dictionary<long, InstallmentRef> refs, DateOnly today, CancellationToken ct)
    {
        var (name, _, postal, lines) = await AddressAsync(db, party.TaxpayerId, today, ct);
        var claims = r.Taxes.Where(t => t.ClaimId is { } id && refs.ContainsKey(id)).Select(t =>
        {
            var i = refs[t.ClaimId!.Value];
            return new FormClaimLine(i.TaxKindName, i.FiscalYear, i.NoticeNo, i.Period, ledgers[i.InstallmentId].DueDate, t.Allocated, 0, 0,
                $"債権額 {Yen(t.Claimed)}　法定納期限等 {JapaneseDate.Wareki(t.RankingDay)}");
        }).ToList();
        var data = new DocumentData().Add("title", "配当計算書").Add("distributionId", row.Id).Add("publicSaleId", sale.Id).Add("proceeds", r.Proceeds)
            .Add("costs", r.CostsPaid).Add("cityShare", row.CityShare).Add("surplus", r.Surplus).Add("sentOn", row.SentOn).Add("distributeOn", row.DistributeOn)
            .Add("taxes", r.Taxes.Select(t => new DocumentData().Add("creditor", t.Creditor).Add("label", t.Label).Add("claimed", t.Claimed).Add("allocated", t.Allocated)))
            .Add("securities", r.Securities.Select(s => new DocumentData().Add("creditor", s.Creditor).Add("claimed", s.Claimed).Add("allocated", s.Allocated)));
        var doc = await new IssuedDocuments(db, clock).RecordAsync(actor, new DocumentIssue(IssuedDocumentKinds.DistributionStatement, StatementTemplate, TemplateVersion,
            party.TaxpayerId, null, data, Summary: $"配当計算書 公売 {sale.Id} 換価代金 {r.Proceeds}円 本市 {row.CityShare}円 残余金 {r.Surplus}円"), ct);
        var recipient = new FormRecipient(postal, lines, name, "滞納者", null, party.TaxpayerNo);
        var letter = new FormLetter(FormLayout.A4Letter, "配当計算書", doc.Id.ToString(CultureInfo.InvariantCulture), today, recipient, await SenderAsync(db, ct),
            Body(party, sale, row, r), claims, [], [], "表の本税欄は本市の各期別への配当額です（滞納処分費・延滞金を含む各期別の債権額は備考に記載）。");
        Renderer.Value.Check([letter]);
        return (doc, letter);
    }
}
