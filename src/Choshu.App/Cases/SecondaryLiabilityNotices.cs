using System.Globalization;
using Choshu.App.Assessments;
using Choshu.App.Claims;
using Choshu.App.Documents;
using Choshu.App.Notices;
using Choshu.App.Security;
using Choshu.App.Settings;
using Choshu.App.Stores;
using Choshu.Data;
using Choshu.Data.Documents;
using Choshu.Domain.Calendar;
using Choshu.Domain.Cases;
using Choshu.Domain.Claims;
using Choshu.Formats.Text;
using Choshu.Forms;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Cases;

/// <summary>第二次納税義務の告知: the primary taxpayer's notice (通知書番号), the second person and the 限度額.</summary>
public sealed record SecondaryLiabilityRequest(string PrimaryNo, string NoticeNo, string? TaxKindCode, int? FiscalYear, string PersonNo, long Limit, string? Reference = null);

/// <summary>What the notice did: the liabilities of the primary taxpayer now in force, the 納付通知書 issued and where its PDF was written.</summary>
public sealed record SecondaryLiabilityResult(IReadOnlyList<LiabilityLine> Lines, long DocumentId, string? NoticePath);

/// <summary>
/// 第二次納税義務 (地方税法11条〜11条の9): a 納付通知書 to the second person makes them liable for the primary taxpayer's claims on one
/// notice, up to the 限度額 (11条1項: the notice states the amount, the 納期限 and the place). Recorded through
/// <see cref="Liabilities"/> (the case of the primary taxpayer, officer-only, case event 66, audited 3285); the notice is an issued
/// document (template <see cref="Template"/>, audited 4001) drawn by the one form engine after the commit.
/// </summary>
public sealed class SecondaryLiabilityNotices(ChoshuDbContext db, TimeProvider clock)
{
    public const string Template = "secondary-liability-notice";
    public const int TemplateVersion = 1;
    /// <summary>The 納付の期限 printed: this many months after the day of the notice (a setting of this system; verify against the city's rule).</summary>
    public const int DeadlineMonths = 1;

    private static readonly Lazy<FormRenderer> Renderer = new(() => new FormRenderer(FormFonts.Load()));

    public async Task<SecondaryLiabilityResult> NotifyAsync(Actor actor, SecondaryLiabilityRequest request, string? noticeDirectory, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        FormLetter? letter = null;
        long documentId = 0;
        var lines = await new Liabilities(db, clock).AddOnAssessmentAsync(actor, LiabilityKind.Secondary, request.PrimaryNo, request.NoticeNo, request.TaxKindCode,
            request.FiscalYear, request.PersonNo, request.Limit, request.Reference, async (change, primary, person, assessment) =>
            {
                (var doc, letter) = await LetterAsync(actor, primary, person, assessment, request.Limit, change.Stamp.On, ct);
                documentId = doc.Id;
                return (doc.Id, $"納付通知書 発行番号 {doc.Id}" + (string.IsNullOrWhiteSpace(request.Reference) ? "" : $"、{request.Reference.Trim()}"));
            }, ct);
        string? path = null;
        if (noticeDirectory is not null)
        {
            Directory.CreateDirectory(noticeDirectory);
            path = Path.Combine(noticeDirectory, $"secondary-liability-notice-{documentId}.pdf");
            var part = path + ".part";
            using (var file = File.Create(part)) Renderer.Value.Render([letter!], file);
            File.Move(part, path, overwrite: true);
        }
        return new SecondaryLiabilityResult(lines, documentId, path);
    }

    /// <summary>The title and paragraphs of the notice (docs/forms.md).</summary>
    public static List<string> Body(string primaryNo, string primaryName, string primaryAddress, long limit, DateOnly deadline) =>
    [
        "下記の滞納者の滞納に係る市税について、地方税法第11条の規定により、あなたに第二次納税義務者として納付していただくことになりましたので、同条第1項の規定により通知します。",
        $"滞納者: {primaryName}（宛名番号 {primaryNo}）　{primaryAddress}",
        $"納付すべき限度の額: {limit:#,0}円（下記の滞納額のうち、この額を限度とします）",
        $"納付の期限: {JapaneseDate.Wareki(deadline)}",
        "納付の期限までに完納されないときは、督促の上、あなたの財産について滞納処分をすることがあります。",
    ];

    private async Task<(IssuedDocument Doc, FormLetter Letter)> LetterAsync(Actor actor, Liabilities.Party primary, Liabilities.Party person,
        Liabilities.AssessmentKey assessment, long limit, DateOnly today, CancellationToken ct)
    {
        var city = (await AppSettings.LoadAsync(db, ct)).City;
        var rates = await ReferenceData.LoadRatesAsync(db, ct);
        var ids = await db.Installments.AsNoTracking().Where(i => i.AssessmentId == assessment.Id).Select(i => i.Id).ToListAsync(ct);
        var refs = await InstallmentFinder.ByIdsAsync(db, ids, ct);
        var ledgers = await ClaimLedgers.LoadAsync(db, ids, ct);
        var rows = ids.OrderBy(id => refs[id].Period)
            .Select(id => (Ref: refs[id], Ledger: ledgers[id], Status: ClaimStatus.Of(ledgers[id], today)))
            .Where(x => x.Status.InArrears)
            .Select(x => new FormClaimLine(x.Ref.TaxKindName, x.Ref.FiscalYear, x.Ref.NoticeNo, x.Ref.Period, x.Ledger.DueDate,
                x.Ledger.PrincipalBalanceOn(today), x.Ledger.ReminderFeeBalance, x.Ledger.LateFeeOwed(today, rates).Owed, null))
            .ToList();
        if (rows.Count == 0)
            throw new Domain.DomainException("liability.no_arrears", $"{assessment.Name} に滞納（納期限を過ぎた未納の期別）がないため、第二次納税義務の納付通知書は発行できません。");
        var addressees = await NoticeAddressees.LoadAsync(db, [primary.Id, person.Id], today, ct);
        var p = addressees.Party(primary.Id);
        var to = addressees.Party(person.Id);
        var deadline = today.AddMonths(DeadlineMonths);
        var address = string.Join(" ", new[] { p.TownName, p.StreetNumber, p.AddressSupplement }.Where(x => !string.IsNullOrWhiteSpace(x)));
        var body = Body(primary.No, p.Name, address, limit, deadline);
        var data = new DocumentData().Add("title", "納付通知書").Add("primaryNo", primary.No).Add("personNo", person.No).Add("issuedOn", today)
            .Add("limit", limit).Add("deadline", deadline).Add("assessmentId", assessment.Id)
            .Add("claims", rows.Select(r => new DocumentData().Add("period", (long)r.Period).Add("principal", r.Principal).Add("reminderFee", r.ReminderFee).Add("lateFee", r.LateFee)));
        var doc = await new IssuedDocuments(db, clock).RecordAsync(actor, new DocumentIssue(IssuedDocumentKinds.SecondaryLiabilityNotice, Template, TemplateVersion,
            person.Id, null, data, Summary: $"納付通知書（第二次納税義務）滞納者 {primary.No} {assessment.Name} 限度額 {limit}円"), ct);
        var recipient = new FormRecipient(to.PostalCode,
            new[] { to.TownName, to.StreetNumber, to.AddressSupplement }.Where(x => !string.IsNullOrWhiteSpace(x)).Select(x => x!).ToList(),
            to.Name, "第二次納税義務者", null, person.No);
        var letter = new FormLetter(FormLayout.A4Letter, "納付通知書", doc.Id.ToString(CultureInfo.InvariantCulture), today, recipient,
            new FormSender(city.Name, city.Office, city.Department, city.Address, city.Phone), body, rows, [],
            LetterTexts.AppealNotice(city).Split('\n'), "延滞金は通知の日までの額です。納付の日までの延滞金が加算されます。");
        Renderer.Value.Check([letter]);
        return (doc, letter);
    }
}
