using System.Globalization;
using Choshu.App.Documents;
using Choshu.App.Notices;
using Choshu.App.Security;
using Choshu.App.Settings;
using Choshu.Data;
using Choshu.Data.Documents;
using Choshu.Domain;
using Choshu.Domain.Refunds;
using Choshu.Domain.Security;
using Choshu.Forms;
using Choshu.Formats.Text;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Refunds;

/// <summary>The 還付通知書 written: the file, letters (one per person) and refunds in them.</summary>
public sealed record RefundNoticeResult(string Path, int Letters, int Refunds, long Total, IReadOnlyList<string> NoAddress);

/// <summary>
/// 還付通知書: one letter per person for the refunds decided on a day (a person with no address is left out and named in the result), through the form engine (A4, no slip): each refund
/// with its tax, the refund, the refund interest and the total, the 支出決定日 and how it is paid (the account, or at the
/// counter: the letter is then also the 送金通知書, to be brought with proof of identity), and the 教示. Each letter is an
/// issued document (<see cref="IssuedDocumentKinds.RefundNotice"/>, audit 4001 with its data hash), recorded in one
/// transaction before the PDF is moved from <c>FILE.part</c> to its name. Needs <see cref="Permission.RecordPayments"/>.
/// </summary>
public sealed class RefundNotices(Store store, TimeProvider clock, Actor actor)
{
    public const string Template = "refund-notice";
    public const int TemplateVersion = 1;
    private static readonly Lazy<FormRenderer> Renderer = new(() => new FormRenderer(FormFonts.Load()));

    public async Task<RefundNoticeResult> WriteAsync(DateOnly decidedOn, string outPath, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outPath);
        var path = Path.GetFullPath(outPath);
        await using var db = store.CreateContext();
        await AccessControl.DemandAsync(db, actor, Permission.RecordPayments, clock, what: $"還付通知書の作成 {decidedOn:yyyy-MM-dd}", ct: ct);
        var refunds = (await RefundQueries.RefundsAsync(db, ct: ct)).Where(r => r.DecidedOn == decidedOn && !r.Withdrawn).ToList();
        if (refunds.Count == 0)
            throw new DomainException("refund.notice_nothing", $"支出決定日 {decidedOn:yyyy年M月d日} に決定された還付はありません。");
        var city = (await AppSettings.LoadAsync(db, ct)).City;
        var addressees = await NoticeAddressees.LoadAsync(db, refunds.Select(r => r.TaxpayerId).ToList(), decidedOn, ct);
        var sender = new FormSender(city.Name, city.Office, city.Department, city.Address, city.Phone);

        var letters = new List<FormLetter>();
        var noAddress = new List<string>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var documents = new IssuedDocuments(db, clock);
        foreach (var person in refunds.GroupBy(r => r.TaxpayerId).OrderBy(g => g.First().TaxpayerNo, StringComparer.Ordinal))
        {
            var list = person.OrderBy(r => r.Id).ToList();
            var to = addressees.Resolve(person.Key, null);
            var party = to?.To ?? addressees.Party(person.Key);
            if (!party.HasAddress)
            {
                noAddress.Add(addressees.Party(person.Key).TaxpayerNo);
                continue;
            }
            var counter = list.Any(r => r.Method == RefundMethod.Counter);
            var body = new List<string>
            {
                $"過誤納となっている次の地方税を、地方税法17条の規定により還付します。還付加算金は同法17条の4の規定により計算しています。",
            };
            foreach (var r in list)
            {
                body.Add($"{r.TaxKind} {JapaneseDate.FiscalYear(r.FiscalYear)}（{JapaneseDate.Wareki(r.AroseOn)} 発生の過誤納、番号 {r.OverpaymentId}）");
                body.Add($"還付金 {YenText.Yen(r.Amount)}　還付加算金 {YenText.Yen(r.AllInterest)}　計 {YenText.Yen(r.Total)}");
            }
            body.Add($"還付金額の合計　{YenText.Yen(list.Sum(r => r.Total))}（支出決定日 {JapaneseDate.Wareki(decidedOn)}）");
            foreach (var r in list.Where(r => r.Method == RefundMethod.Transfer))
                body.Add($"お支払い方法: 口座振込（{r.Account}　{r.HolderKana}）");
            if (counter)
                body.Add("お支払い方法: 窓口払。この通知書（送金通知書）と本人確認書類をお持ちのうえ、納税課の窓口でお受け取りください。");
            var data = new DocumentData()
                .Add("taxpayerNo", party.TaxpayerNo).Add("decidedOn", decidedOn)
                .Add("refunds", list.Select(r => new DocumentData().Add("refundId", r.Id).Add("refund", r.Amount).Add("interest", r.AllInterest)
                    .Add("method", r.Method == RefundMethod.Transfer ? "transfer" : "counter").Add("account", r.Account)));
            var doc = await documents.RecordAsync(actor, new DocumentIssue(IssuedDocumentKinds.RefundNotice, Template, TemplateVersion, person.Key, null, data,
                Summary: string.Create(CultureInfo.InvariantCulture, $"還付通知書 支出決定日 {decidedOn:yyyy-MM-dd} 還付 {string.Join(",", list.Select(r => r.Id))} 計 {list.Sum(r => r.Total)}円")), ct);
            var letter = new FormLetter(FormLayout.A4Letter, counter ? "還付通知書（送金通知書）" : "還付通知書",
                doc.Id.ToString(CultureInfo.InvariantCulture), decidedOn,
                new FormRecipient(party.PostalCode, new[] { party.TownName, party.StreetNumber, party.AddressSupplement }.Where(x => !string.IsNullOrWhiteSpace(x)).Select(x => x!).ToList(),
                    party.Name, to?.Attention, to is { Kind: not 0 } ? to.Taxpayer.Name : null, party.TaxpayerNo),
                sender, body, [], [], LetterTexts.AppealNotice(city).Split('\n'), "この通知書についてのお問い合わせは、上記の担当部署へお願いします。");
            letters.Add(letter);
        }
        if (letters.Count == 0)
            throw new DomainException("refund.notice_no_address", $"還付通知書の宛先（住所）がありません: 宛名番号 {string.Join("、", noAddress)}。");
        var part = path + ".part";
        try
        {
            await using (var stream = new FileStream(part, FileMode.Create, FileAccess.Write, FileShare.None))
                Renderer.Value.Render(letters, stream, null);
            await tx.CommitAsync(ct);
            File.Move(part, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(part)) File.Delete(part);
        }
        return new RefundNoticeResult(path, letters.Count, refunds.Count, refunds.Sum(r => r.Total), noAddress);
    }
}
