using System.Globalization;
using Choshu.App.Documents;
using Choshu.App.Notices;
using Choshu.App.Security;
using Choshu.App.Settings;
using Choshu.Data;
using Choshu.Data.Documents;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Security;
using Choshu.Formats.Text;
using Choshu.Forms;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Refunds;

/// <summary>
/// 充当通知書 (地方税法17条の2第5項): one letter per taxpayer of an appropriation run, through the one form engine: the claims the
/// overpayment paid (table: the appropriated principal, reminder fee and late fee, the 充当適状日 in the note), the overpayments
/// they came from, the refund interest earned, and what is left to be refunded — then titled 還付充当通知書. It goes where every
/// letter goes (<see cref="NoticeAddressees"/>; a deceased taxpayer without an heirs' representative gets none and is named in
/// the result). Each letter is an issued document (<see cref="IssuedDocuments"/>, kind <c>appropriation</c>, its data record
/// the letter's content; audit 4001) and the run of letters is audited 3041; the PDF is renamed into place only after they commit.
/// </summary>
/// <summary>The letters written: the PDF, how many, and the 宛名番号 of those who got none (no address).</summary>
public sealed record AppropriationNoticeFile(string Path, int Letters, IReadOnlyList<string> NotSent);

public sealed class AppropriationNotices(Store store, TimeProvider clock, Actor actor)
{
    public const string Template = "appropriation-notice";
    public const int TemplateVersion = 1;

    private static readonly Lazy<FormRenderer> Renderer = new(() => new FormRenderer(FormFonts.Load()));

    /// <summary>
    /// Writes the letters of <paramref name="run"/> into <paramref name="directory"/>; returns the PDF's path, the number of letters
    /// and the 宛名番号 of the taxpayers who got none (no address, or deceased without an heirs' representative).
    /// </summary>
    public async Task<AppropriationNoticeFile> WriteAsync(AppropriationRunResult run, string directory, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.DryRun) throw new DomainException("appropriation.notice_dry_run", "予定のみの充当からは充当通知書を作成できません。");
        Directory.CreateDirectory(directory);
        var today = JapanTime.Today(clock);
        var path = Path.Combine(directory, $"appropriation-notices-{run.AsOf:yyyyMMdd}-{clock.GetUtcNow():yyyyMMddHHmmss}.pdf");
        var part = path + ".part";
        await using var db = store.CreateContext();
        var city = (await AppSettings.LoadAsync(db, ct)).City;
        var byTaxpayer = run.Lines.GroupBy(l => l.TaxpayerId).ToList();
        var addressees = await NoticeAddressees.LoadAsync(db, byTaxpayer.Select(g => g.Key).ToList(), today, ct);
        var sourceIds = run.Lines.Select(l => l.SourceInstallmentId).Distinct().ToList();
        var sources = await (from i in db.Installments.AsNoTracking()
                             join a in db.Assessments on i.AssessmentId equals a.Id
                             join k in db.TaxKinds on a.TaxKindCode equals k.Code
                             where sourceIds.Contains(i.Id)
                             select new { i.Id, k.Name, a.FiscalYear, i.Period }).ToDictionaryAsync(x => x.Id, x => $"{x.Name} {JapaneseDate.FiscalYear(x.FiscalYear)} {x.Period}期", ct);

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var letters = new List<FormLetter>();
        var notSent = new List<string>();
        var documents = new IssuedDocuments(db, clock);
        foreach (var g in byTaxpayer)
        {
            if (addressees.Resolve(g.Key, null) is not { } to || !to.To.HasAddress)
            {
                notSent.Add(g.First().TaxpayerNo);
                continue;
            }
            var remainder = run.Remainders.FirstOrDefault(r => r.TaxpayerId == g.Key);
            var (body, title) = Body(g.ToList(), remainder, sources);
            var recipient = new FormRecipient(to.To.PostalCode,
                new[] { to.To.TownName, to.To.StreetNumber, to.To.AddressSupplement }.Where(x => !string.IsNullOrWhiteSpace(x)).Select(x => x!).ToList(),
                to.To.Name, to.Attention, to.Kind == 0 ? null : to.Taxpayer.Name, to.Taxpayer.TaxpayerNo);
            var claims = g.Select(l => new FormClaimLine(l.TaxKindName, l.FiscalYear, l.NoticeNo, l.Period, l.DueDate, l.Principal, l.ReminderFee, l.LateFee,
                $"充当日 {JapaneseDate.Wareki(l.EffectiveOn)}　{(l.FromInterest ? "還付加算金" : "過誤納金（" + sources[l.SourceInstallmentId] + "）")}から")).ToList();
            var data = new DocumentData()
                .Add("title", title).Add("asOf", run.AsOf).Add("issuedOn", today).Add("taxpayerNo", to.Taxpayer.TaxpayerNo).Add("name", to.To.Name)
                .Add("body", string.Join("\n", body))
                .Add("appropriations", g.Select(l => new DocumentData().Add("overpaymentId", l.OverpaymentId).Add("sourceEntryId", l.SourceEntryId)
                    .Add("installmentId", l.TargetInstallmentId).Add("effectiveOn", l.EffectiveOn).Add("principal", l.Principal)
                    .Add("reminderFee", l.ReminderFee).Add("lateFee", l.LateFee).Add("refundInterest", l.RefundInterest)))
                .Add("leftOverpayment", remainder?.Overpayment ?? 0).Add("leftRefundInterest", remainder?.RefundInterest ?? 0);
            var doc = await documents.RecordAsync(actor, new DocumentIssue(IssuedDocumentKinds.AppropriationNotice, Template, TemplateVersion, g.Key, null, data,
                Summary: $"{title} 充当 {g.Count()} 件 {g.Sum(l => l.Amount)}円 基準日 {run.AsOf:yyyy-MM-dd}"), ct);
            letters.Add(new FormLetter(NoticePdf.Layout("a4"), title, doc.Id.ToString(CultureInfo.InvariantCulture), today, recipient,
                new FormSender(city.Name, city.Office, city.Department, city.Address, city.Phone), body, claims, [],
                LetterTexts.AppealNotice(city).Split('\n'), "延滞金は充当日までの額で、本税の完納により確定しています。"));
        }
        await using (var file = File.Create(part))
            Renderer.Value.Render(letters, file);
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.AppropriationNoticesIssued,
            Detail: $"充当通知書 {letters.Count} 通（基準日 {run.AsOf:yyyy-MM-dd}、宛先なし {notSent.Count} 人）: {Path.GetFileName(path)}"), clock, ct);
        await tx.CommitAsync(ct);
        File.Move(part, path, overwrite: true);
        return new AppropriationNoticeFile(path, letters.Count, notSent);
    }

    /// <summary>The letter's paragraphs and its title (還付充当通知書 when something is left to be refunded).</summary>
    public static (List<string> Body, string Title) Body(IReadOnlyList<AppropriationLine> lines, AppropriationRemainder? remainder,
        IReadOnlyDictionary<long, string> sources)
    {
        var refund = remainder is { } r && r.Overpayment + r.RefundInterest > 0;
        var body = new List<string>
        {
            "あなたの過誤納金（納め過ぎ等の税金）を、地方税法第17条の2の規定により、下記のとおり未納の市税に充当しましたので通知します。",
        };
        foreach (var s in lines.Where(l => !l.FromInterest).GroupBy(l => l.SourceInstallmentId))
            body.Add($"充当した過誤納金: {sources[s.Key]}　{YenText.Yen(s.Sum(l => l.Amount))}");
        var interest = lines.Sum(l => l.RefundInterest);
        if (interest > 0)
            body.Add($"充当した額に加算する還付加算金（地方税法第17条の4）: {YenText.Yen(interest)}" +
                (lines.Any(l => l.FromInterest) ? $"（うち {YenText.Yen(lines.Where(l => l.FromInterest).Sum(l => l.Amount))} を充当）" : ""));
        if (refund)
            body.Add($"充当後の残額（過誤納金 {YenText.Yen(remainder!.Overpayment)}、還付加算金 {YenText.Yen(remainder.RefundInterest)}）は還付します。還付の手続きは別途お知らせします。");
        return (body, refund ? "還付充当通知書" : "充当通知書");
    }
}
