using Choshu.App.Documents;
using Choshu.App.Notices;
using Choshu.App.Security;
using Choshu.App.Settings;
using Choshu.App.Stores;
using Choshu.Data;
using Choshu.Data.Cases;
using Choshu.Data.Documents;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Cases;
using Choshu.Domain.Reconciliation;
using Choshu.Domain.Security;
using Choshu.Formats.Barcodes;
using Choshu.Formats.Text;
using Choshu.Forms;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Cases;

/// <summary>A printed pledge form or breach letter: the PDF and its issued document.</summary>
public sealed record PledgePrint(long DocumentId, string DataSha256, byte[] Pdf, int Pages, NoticeLetterData Data);

/// <summary>
/// The letters of a pledge, drawn by the one form engine from a plain data record (<see cref="NoticeLetterData"/>, the notices'
/// record, hashed into the issued document): the 納付誓約書 (template pledge-form) — the schedule, the covered claims and the
/// signature lines, with the slips of the schedule (<see cref="InstalmentSlips"/>: each pays one claim — its key, amount, the instalment's day as
/// its deadline, store barcode and eL-QR — an instalment spanning two claims getting a slip for each part) — and the 分納不履行通知 (template pledge-breach), only while the
/// pledge is in breach. Printing needs <see cref="Permission.UpdateCases"/>; each print is an issued document (audited 4001 by
/// <see cref="IssuedDocuments"/>) and a pledge event (3 or 4) in one transaction.
/// </summary>
public sealed class PledgeForms(ChoshuDbContext db, TimeProvider clock)
{
    public const string FormTemplate = "pledge-form";
    public const string BreachTemplate = "pledge-breach";
    public const int TemplateVersion = 1;

    private static readonly IElQrPayload ElQr = new ChoshuElQrPayload();
    private static readonly Lazy<FormRenderer> Renderer = new(() => new FormRenderer(FormFonts.Load()));

    /// <summary>Prints the 納付誓約書 of installment pledge <paramref name="pledgeId"/> with its slips, issued today.</summary>
    public Task<PledgePrint> PrintFormAsync(Actor actor, long pledgeId, CancellationToken ct = default) =>
        PrintAsync(actor, pledgeId, breach: false, ct);

    /// <summary>Prints the 分納不履行通知 of a pledge in breach today (refused otherwise).</summary>
    public Task<PledgePrint> PrintBreachLetterAsync(Actor actor, long pledgeId, CancellationToken ct = default) =>
        PrintAsync(actor, pledgeId, breach: true, ct);

    private async Task<PledgePrint> PrintAsync(Actor actor, long pledgeId, bool breach, CancellationToken ct)
    {
        var pledges = new Pledges(db, clock);
        var pledge = await pledges.FindAsync(pledgeId, ct);
        var title = breach ? "分納不履行通知書" : "納付誓約書";
        await AccessControl.DemandAsync(db, actor, Permission.UpdateCases, clock, pledge.TaxpayerId, $"{title}の印刷（{pledgeId}）", ct);
        if (pledge.Kind != PledgeKind.InstallmentPledge)
            throw new DomainException("pledge.not_a_pledge", $"{pledgeId} は約束です。{title}は分納誓約について印刷します。");
        var today = JapanTime.Today(clock);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var view = await pledges.LoadAsync(pledgeId, today, ct);
        if (breach && !view.Standing.InBreach)
            throw new DomainException("pledge.not_breached", $"分納誓約 {pledgeId} は {Pledges.D(today)} 現在{Domain.Labels.JapaneseLabels.Of(view.Standing.State)}です。不履行の通知は印刷できません。");
        if (!breach && !view.Standing.Open)
            throw new DomainException("pledge.not_open", $"分納誓約 {pledgeId} は{Domain.Labels.JapaneseLabels.Of(view.Standing.State)}です。誓約書は印刷できません。");
        var settings = await AppSettings.LoadAsync(db, ct);
        var calendar = await ReferenceData.LoadCalendarAsync(db, ct);
        var addressees = await NoticeAddressees.LoadAsync(db, [pledge.TaxpayerId], today, ct);
        var to = addressees.Resolve(pledge.TaxpayerId, null)
            ?? throw new DomainException("pledge.no_addressee", "納税義務者が死亡しており、相続人代表者の届出がありません。");
        var data = breach ? BreachData(view, to, settings, today) : FormData(view, to, settings, calendar, today);
        var documentData = data.ToDocumentData();
        var issue = new DocumentIssue(breach ? IssuedDocumentKinds.PledgeBreach : IssuedDocumentKinds.Pledge, breach ? BreachTemplate : FormTemplate, TemplateVersion,
            pledge.TaxpayerId, null, documentData, $"{title} 分納誓約 {pledgeId}（{view.Standing.Instalments.Count}回 計 {Pledges.Yen(view.Standing.Total)}）");
        var form = NoticePdf.ToForm(0, data);
        Renderer.Value.Check([form]); // a field that does not fit is refused before anything is recorded
        var document = await new IssuedDocuments(db, clock).RecordAsync(actor, issue, ct);
        db.PledgeEvents.Add(new PledgeEvent
        {
            PledgeId = pledgeId, Kind = breach ? PledgeEventKind.BreachLetterIssued : PledgeEventKind.FormIssued, On = today, DocumentId = document.Id,
            Actor = actor.Name, RecordedAtUtc = clock.GetUtcNow().UtcDateTime,
        });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        db.ChangeTracker.Clear();
        using var pdf = new MemoryStream();
        var pages = Renderer.Value.Render([NoticePdf.ToForm(document.Id, data)], pdf);
        return new PledgePrint(document.Id, document.DataSha256, pdf.ToArray(), pages, data);
    }

    /// <summary>The 納付誓約書's data record: schedule in the body, covered claims in the table, one slip per instalment.</summary>
    public static NoticeLetterData FormData(PledgeView v, Addressee to, AppSettings settings, Domain.Calendar.HolidayCalendar calendar, DateOnly today)
    {
        var body = new List<string>
        {
            $"{settings.City.Office}　様",
            $"私は、下記の滞納となっている市税等（合計 {YenText.Yen(v.Claims.Sum(c => c.Owed))}。このほか完納の日までの延滞金）について、次のとおり分割して納付することを誓約します。",
            "この誓約により、下記の市税等の債務を承認します（民法152条。この日の翌日から新たに時効が進行します）。",
            $"誓約日　{JapaneseDate.Wareki(v.MadeOn)}",
        };
        body.AddRange(v.Standing.Instalments.Select(i => $"第{i.No}回　{JapaneseDate.Wareki(i.DueOn)}まで　{YenText.Yen(i.Amount)}"));
        body.Add($"合計　{v.Standing.Instalments.Count}回　{YenText.Yen(v.Standing.Total)}");
        body.Add($"各回の納付日から{v.GraceDays}日を過ぎても納付がないときは、誓約は不履行となり、分割納付を取り消して滞納処分を行うことがあります。");
        body.Add("住所　＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿");
        body.Add("氏名　＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿＿　㊞　電話　＿＿＿＿＿＿＿＿＿＿");
        var claims = v.Claims.Select(c => new NoticeClaimData(c.Installment.InstallmentId, c.Installment.TaxKindName, c.Installment.FiscalYear, c.Installment.NoticeNo,
            c.Installment.Period, c.Installment.DueDate, c.Owed, 0, 0, c.LapsesOn is { } l ? $"時効 {JapaneseDate.Wareki(l)}" : null)).ToList();
        var slips = InstalmentSlips(v, to, settings, calendar);
        return Letter(v, to, settings, today, "納付誓約書", string.Join('\n', body), claims, slips,
            $"分納誓約 {v.Id}。署名・押印のうえ提出してください。納付書は各回の納付日までにお使いください（第1回〜第{v.Standing.Instalments.Count}回、納付書 {slips.Count} 枚）。");
    }

    /// <summary>
    /// The slips of the schedule. The instalments pay the covered claims oldest first; each slip pays one claim, so that the
    /// money is booked on the claim it is meant for (a slip carries the claim's key, and the bank or store pays that claim): an
    /// instalment that covers the end of one claim and the start of the next gets a slip for each part, each with its own key
    /// and amount. What the schedule holds beyond what the claims owe today (the late fee to come) is on the last claim's slip.
    /// Worked example (the test): claims A 30,000 and B 30,000, instalments 40,000 and 20,000 → A 30,000, B 10,000, B 20,000.
    /// </summary>
    public static IReadOnlyList<NoticeSlipData> InstalmentSlips(PledgeView v, Addressee to, AppSettings settings, Domain.Calendar.HolidayCalendar calendar)
    {
        var slips = new List<NoticeSlipData>();
        if (v.Claims.Count == 0) return slips;
        var left = v.Claims.Select(c => Math.Max(0, c.Owed)).ToArray();
        var at = 0;
        foreach (var i in v.Standing.Instalments)
        {
            var deadline = calendar.EffectiveDueDate(i.DueOn);
            var rest = i.Amount;
            while (rest > 0)
            {
                while (at < left.Length - 1 && left[at] == 0) at++;
                var part = at == left.Length - 1 ? rest : Math.Min(rest, left[at]);
                left[at] = Math.Max(0, left[at] - part);
                rest -= part;
                slips.Add(Slip(v.Claims[at], part, deadline, to, settings));
            }
        }
        return slips;
    }

    private static NoticeSlipData Slip(PledgeClaimView target, long amount, DateOnly deadline, Addressee to, AppSettings settings)
    {
        var key = new MatchKey(target.Installment.InstallmentId);
        var barcode = amount > StoreBarcode.MaxBarcodeAmount ? null
            : new StoreBarcode(settings.StoreBillerCode, key.StoreFreeField, ReissuedSlipCount, deadline, RevenueStamp: false, amount).Encode();
        return new NoticeSlipData(target.Installment.InstallmentId, to.Taxpayer.Name, target.Installment.TaxKindName, target.Installment.FiscalYear,
            target.Installment.NoticeNo, target.Installment.Period, amount, 0, 0, amount, deadline, key.Value, key.Value, barcode,
            ElQr.Build(new ElQrFields(settings.StoreBillerCode, key.Value, amount, deadline)));
    }

    /// <summary>The 分納不履行通知's data record: the missed instalment, what was paid, and the request to pay or come in.</summary>
    public static NoticeLetterData BreachData(PledgeView v, Addressee to, AppSettings settings, DateOnly today)
    {
        var m = v.Standing.Missed!;
        var body = new List<string>
        {
            $"あなたが{JapaneseDate.Wareki(v.MadeOn)}に誓約された分割納付（{v.Standing.Instalments.Count}回 計 {YenText.Yen(v.Standing.Total)}）について、"
                + $"第{m.No}回（{JapaneseDate.Wareki(m.DueOn)}まで {YenText.Yen(m.Amount)}）の納付が、納付日から{v.GraceDays}日を過ぎても確認できません。",
            $"{JapaneseDate.Wareki(today)}現在の納付済額は {YenText.Yen(v.Standing.Paid)}、誓約額の残りは {YenText.Yen(v.Standing.Total - v.Standing.Paid)} です。",
            "このままでは分割納付の誓約は取り消され、滞納となっている市税等の全額について滞納処分（財産の差押え）を行うことがあります。",
            $"至急納付されるか、{settings.City.Department}までご連絡ください。",
        };
        var claims = v.Claims.Select(c => new NoticeClaimData(c.Installment.InstallmentId, c.Installment.TaxKindName, c.Installment.FiscalYear, c.Installment.NoticeNo,
            c.Installment.Period, c.Installment.DueDate, c.Owed, 0, 0, null)).ToList();
        return Letter(v, to, settings, today, "分納不履行通知書", string.Join('\n', body), claims, [],
            $"分納誓約 {v.Id}。この通知は{JapaneseDate.Wareki(today)}現在の納付状況により作成しています。");
    }

    /// <summary>再発行区分 of an instalment slip: 1, as every slip Choshu draws (the original came with the assessment).</summary>
    private const int ReissuedSlipCount = Slips.ReissuedSlip.ReissueCount;

    private static NoticeLetterData Letter(PledgeView v, Addressee to, AppSettings settings, DateOnly today, string title, string body,
        IReadOnlyList<NoticeClaimData> claims, IReadOnlyList<NoticeSlipData> slips, string footnote) =>
        new(title == "納付誓約書" ? IssuedDocumentKinds.Pledge : IssuedDocumentKinds.PledgeBreach, title, 0, (int)Math.Min(int.MaxValue, v.Id), today, "a4",
            new NoticeRecipientData(to.To.PostalCode, to.To.TownName ?? "", Blank(to.To.StreetNumber), Blank(to.To.AddressSupplement), to.To.Name,
                to.Attention, to.Kind == 0 ? null : to.Taxpayer.Name, to.Taxpayer.TaxpayerNo),
            new NoticeSenderData(settings.City.Name, settings.City.Office, settings.City.Department, settings.City.Address, settings.City.Phone),
            body, claims, slips, "", footnote);

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;
}
