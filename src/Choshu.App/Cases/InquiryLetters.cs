using System.Globalization;
using Choshu.App.Documents;
using Choshu.App.Notices;
using Choshu.App.Security;
using Choshu.App.Settings;
using Choshu.Data;
using Choshu.Data.Cases;
using Choshu.Data.Documents;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Cases;
using Choshu.Domain.Labels;
using Choshu.Domain.Security;
using Choshu.Formats.Text;
using Choshu.Forms;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Cases;

/// <summary>
/// Which inquiries a letter run sends: every 未発送 inquiry (a batch across cases), those of one case, or the ones named. Deposit inquiries
/// to banks can go by file instead (<see cref="DepositInquiryFiles"/>); a letter run takes them too unless <see cref="SkipDeposits"/>.
/// </summary>
public sealed record InquiryLetterRequest(string RunKey, long? CaseId = null, IReadOnlyList<long>? InquiryIds = null, bool SkipDeposits = false);

/// <summary>What the run did: the letters (one per target), the inquiries they carry, whether it was a re-print of an earlier run, the PDF.</summary>
public sealed record InquiryLetterResult(string RunKey, bool Reprinted, IReadOnlyList<long> DocumentIds, int Inquiries, DateOnly SentOn, DateOnly DueOn, string? Path);

/// <summary>
/// 照会書: ONE letter per target listing every taxpayer asked of it in the run (国税徴収法141条 as applied by 地方税法, or 20条の11 for a
/// 官公署), through the one form engine (template <see cref="Template"/>), each recorded as an issued document (4001) and the run audited
/// 3342. Sending sets the inquiries' sent date (today), answer due date (<see cref="Inquiries.AnswerDaysKey"/>), run key and document. The
/// run key makes it idempotent: the same key again re-prints the letters of that run and records nothing new.
/// Needs <see cref="Permission.UpdateCases"/> (each inquiry was recorded on its case by the officer in charge or an approver).
/// </summary>
public sealed class InquiryLetters(ChoshuDbContext db, TimeProvider clock)
{
    public const string Template = "inquiry-letter";
    public const int TemplateVersion = 1;
    public const string SentByLetter = "letter";

    private static readonly Lazy<FormRenderer> Renderer = new(() => new FormRenderer(FormFonts.Load()));

    public async Task<InquiryLetterResult> IssueAsync(Actor actor, InquiryLetterRequest request, string? outputPath, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = RunKey(request.RunKey);
        await AccessControl.DemandAsync(db, actor, Permission.UpdateCases, clock, null, "照会書の作成", ct);
        var today = JapanTime.Today(clock);
        var city = (await AppSettings.LoadAsync(db, ct)).City;
        List<FormLetter> letters;
        List<long> docs;
        int count;
        DateOnly sentOn, dueOn;
        bool reprint;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var earlier = await db.Inquiries.Where(i => i.RunKey == key).ToListAsync(ct);
            reprint = earlier.Count > 0;
            if (reprint)
            {
                if (earlier.Any(i => i.SentBy != SentByLetter))
                    throw new DomainException("inquiry.run_key_file", $"実行キー {key} は照会ファイルの作成に使われています。別の実行キーを指定してください。");
                sentOn = earlier[0].SentOn!.Value;
                dueOn = earlier[0].DueOn!.Value;
                (letters, docs) = await LettersAsync(earlier, city, sentOn, dueOn, null, ct);
                count = earlier.Count;
                await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.InquiryLettersIssued,
                    Detail: $"照会書 再出力 実行キー {key}: {docs.Count}通 照会 {count}件（新たな発行なし）"), clock, ct);
            }
            else
            {
                var q = db.Inquiries.Where(i => i.Status == InquiryStatus.Pending);
                if (request.CaseId is { } caseId) q = q.Where(i => i.CaseId == caseId);
                if (request.InquiryIds is { Count: > 0 } ids) q = q.Where(i => ids.Contains(i.Id));
                if (request.SkipDeposits) q = q.Where(i => i.Kind != InquiryKind.Deposit);
                var pending = await q.OrderBy(i => i.Id).ToListAsync(ct);
                if (request.InquiryIds is { Count: > 0 } wanted && wanted.Except(pending.Select(p => p.Id)).FirstOrDefault() is var missing and > 0)
                    throw new DomainException("inquiry.not_pending", $"照会 {missing} は未発送の照会ではありません（発送済みか、登録されていません）。");
                if (pending.Count == 0) throw new DomainException("inquiry.nothing_to_send", "発送する照会（未発送）がありません。");
                sentOn = today;
                dueOn = await Inquiries.DueDateAsync(db, today, ct);
                (letters, docs) = await LettersAsync(pending, city, sentOn, dueOn, actor, ct);
                count = pending.Count;
                await db.SaveChangesAsync(ct);
                await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.InquiryLettersIssued,
                    Detail: $"照会書 実行キー {key}: {docs.Count}通（照会先ごと） 照会 {count}件 発送日 {sentOn:yyyy-MM-dd} 回答期限 {dueOn:yyyy-MM-dd}"), clock, ct);
                foreach (var p in pending)
                {
                    p.Status = InquiryStatus.Sent;
                    p.SentOn = sentOn;
                    p.DueOn = dueOn;
                    p.SentBy = SentByLetter;
                    p.RunKey = key;
                }
                await db.SaveChangesAsync(ct);
            }
            await tx.CommitAsync(ct);
        }
        db.ChangeTracker.Clear();
        string? path = null;
        if (outputPath is not null)
        {
            path = outputPath;
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
            var part = path + ".part";
            using (var file = File.Create(part)) Renderer.Value.Render(letters, file);
            File.Move(part, path, overwrite: true);
        }
        return new InquiryLetterResult(key, reprint, docs, count, sentOn, dueOn, path);
    }

    /// <summary>Renders the letters of a run into <paramref name="output"/> (for the web page's download), after <see cref="IssueAsync"/>.</summary>
    public async Task RenderRunAsync(string runKey, Stream output, CancellationToken ct = default)
    {
        var key = RunKey(runKey);
        var rows = await db.Inquiries.AsNoTracking().Where(i => i.RunKey == key && i.SentBy == SentByLetter).ToListAsync(ct);
        if (rows.Count == 0) throw new DomainException("inquiry.run_not_found", $"実行キー {key} の照会書はありません。");
        var city = (await AppSettings.LoadAsync(db, ct)).City;
        var (letters, _) = await LettersAsync(rows, city, rows[0].SentOn!.Value, rows[0].DueOn!.Value, null, ct);
        Renderer.Value.Render(letters, output);
    }

    /// <summary>
    /// The letters of a run, one per target. With <paramref name="issuer"/> each is recorded as an issued document now and the
    /// inquiries point at it; without, the documents recorded before are used (a re-print).
    /// </summary>
    private async Task<(List<FormLetter> Letters, List<long> Documents)> LettersAsync(List<Inquiry> inquiries, CitySettings city, DateOnly sentOn, DateOnly dueOn,
        Actor? issuer, CancellationToken ct)
    {
        var targetIds = inquiries.Select(i => i.TargetId).Distinct().ToList();
        var targets = await db.InquiryTargets.AsNoTracking().Where(t => targetIds.Contains(t.Id)).ToDictionaryAsync(t => t.Id, ct);
        var taxpayerIds = inquiries.Select(i => i.TaxpayerId).Distinct().ToList();
        var people = await db.Taxpayers.AsNoTracking().Where(t => taxpayerIds.Contains(t.Id))
            .Select(t => new { t.Id, t.TaxpayerNo, t.Facts.NameKanji, t.Facts.NameKana, t.Facts.BirthDate, t.Facts.TownName, t.Facts.StreetNumber, t.Facts.AddressSupplement })
            .ToDictionaryAsync(t => t.Id, ct);
        var letters = new List<FormLetter>();
        var docs = new List<long>();
        var sender = new FormSender(city.Name, city.Office, city.Department, city.Address, city.Phone);
        foreach (var group in inquiries.GroupBy(i => i.TargetId).OrderBy(g => g.Key))
        {
            var target = targets[group.Key];
            var items = group.OrderBy(i => people[i.TaxpayerId].TaxpayerNo, StringComparer.Ordinal).ThenBy(i => i.Id).ToList();
            var lines = items.Select((i, n) =>
            {
                var p = people[i.TaxpayerId];
                var address = string.Join(" ", new[] { p.TownName, p.StreetNumber, p.AddressSupplement }.Where(x => !string.IsNullOrWhiteSpace(x)));
                return new TaxpayerItem(n + 1, p.TaxpayerNo, p.NameKanji, p.NameKana, p.BirthDate, address, i.Kind, i.Id);
            }).ToList();
            long docId;
            if (issuer is not null)
            {
                var data = new DocumentData().Add("title", "照会書").Add("targetId", target.Id).Add("sentOn", sentOn).Add("dueOn", dueOn)
                    .Add("inquiries", items.Select(i => new DocumentData().Add("inquiryId", i.Id).Add("taxpayerId", i.TaxpayerId).Add("kind", (long)i.Kind)));
                var doc = await new IssuedDocuments(db, clock).RecordAsync(issuer, new DocumentIssue(IssuedDocumentKinds.InquiryLetter, Template, TemplateVersion,
                    null, null, data, Summary: $"照会書 照会先 {target.Id} {Inquiries.Line(target).Display} 照会 {items.Count}件 回答期限 {dueOn:yyyy-MM-dd}"), ct);
                docId = doc.Id;
                foreach (var i in items) i.DocumentId = docId;
            }
            else docId = items[0].DocumentId!.Value;
            docs.Add(docId);
            var line = Inquiries.Line(target);
            // A bank or a company is addressed 御中 (its 担当部署 above the name); it is not a taxpayer, so no 宛名番号 (the 照会先 number is in the footnote).
            var recipient = new FormRecipient(target.PostalCode, [target.Address], line.Kind == InquiryTargetKind.Bank ? $"{target.Name} {target.BranchName}" : target.Name,
                target.Contact, null, "", Honorific: "御中");
            letters.Add(new FormLetter(FormLayout.A4Letter, "照会書", docId.ToString(CultureInfo.InvariantCulture), sentOn, recipient, sender,
                Body(target.Kind, lines, dueOn), [], [], [],
                $"（照会先 {target.Id}）この照会は地方税の滞納処分のための財産調査です。照会があったことを滞納者本人に知らせないでください。"));
        }
        Renderer.Value.Check(letters);
        return (letters, docs);
    }

    /// <summary>One taxpayer asked of the target, as printed.</summary>
    public sealed record TaxpayerItem(int No, string TaxpayerNo, string Name, string NameKana, DateOnly? BirthDate, string Address, InquiryKind Kind, long InquiryId);

    /// <summary>The paragraphs of the 照会書 (docs/forms.md): the legal ground, the taxpayers asked about, what is asked, the due date.</summary>
    public static List<string> Body(InquiryTargetKind target, IReadOnlyList<TaxpayerItem> items, DateOnly dueOn)
    {
        var ground = target is InquiryTargetKind.LandRegistry or InquiryTargetKind.Municipality
            ? "下記の滞納者について、地方税の滞納処分のため必要がありますので、地方税法第20条の11の規定により、下記の事項を照会します。"
            : "下記の滞納者について、地方税の滞納処分のため必要がありますので、地方税法の規定によりその例によるものとされる国税徴収法第141条の規定により、下記の事項を照会します。";
        var body = new List<string> { ground, $"回答期限: {JapaneseDate.Wareki(dueOn)}（期限までに回答書により回答してください）", "記" };
        foreach (var i in items)
            body.Add($"{i.No}. 宛名番号 {i.TaxpayerNo}　{i.Name}（{i.NameKana}）" + (i.BirthDate is { } b ? $"　生年月日 {JapaneseDate.Wareki(b)}" : "")
                + $"　住所 {i.Address}　照会番号 {i.InquiryId}　照会事項: {JapaneseLabels.Of(i.Kind)} — {Asked(i.Kind)}");
        body.Add("回答には照会番号を記載してください。該当がない場合も「該当なし」と回答してください。");
        return body;
    }

    /// <summary>What is asked for each kind.</summary>
    public static string Asked(InquiryKind kind) => kind switch
    {
        InquiryKind.Deposit => "取引の有無、預金種目・口座番号・名義、照会日現在の残高",
        InquiryKind.Salary => "支給額、控除額（所得税・住民税・社会保険料）、支給日、扶養親族の数",
        InquiryKind.Insurance => "保険契約の有無、証券番号、契約者、解約返戻金の額",
        InquiryKind.Pension => "年金の種類、支給額、支給日",
        InquiryKind.RealEstate => "所有する不動産の所在・種類・地積（床面積）・持分",
        _ => "住民票の写し（除票を含む）、戸籍の附票の写し",
    };

    internal static string RunKey(string? key)
    {
        var k = (key ?? "").Trim();
        if (k.Length == 0) throw new DomainException("inquiry.run_key", "実行キー（--run-key）を入力してください。同じ実行キーでの再実行は再出力になります。");
        return k.Length <= Inquiry.RunKeyMaxLength ? k : throw new DomainException("inquiry.run_key", $"実行キーは{Inquiry.RunKeyMaxLength}文字以内で入力してください。");
    }
}
