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

/// <summary>A 繰上徴収の告知 as staff enter it. <paramref name="InstallmentIds"/> null: every claim of the taxpayer not yet due on the day
/// of the notice whose 納期限 is after <paramref name="NewDueOn"/> and on which something is owed.</summary>
/// <param name="Ground">The number of the ground of 地方税法13条の2第1項 (1–6).</param>
public sealed record AccelerationRequest(string TaxpayerNo, DateOnly NoticeOn, DateOnly NewDueOn, int Ground, string? Detail = null,
    IReadOnlyList<long>? InstallmentIds = null);

/// <summary>A 保全差押金額の通知 as staff enter it. <paramref name="ExpiresOn"/> null: 6 months from the notice (国税徴収法159条).</summary>
public sealed record ProtectiveSeizureRequest(string TaxpayerNo, DateOnly NoticeOn, long Amount, string Subject, string Ground, DateOnly? ExpiresOn = null,
    IReadOnlyList<long>? InstallmentIds = null);

/// <summary>One claim of a notice: for 繰上徴収 its own and its new 納期限 and what it owed on the day of the notice.</summary>
public sealed record EnforcementNoticeLineView(long? InstallmentId, string Name, DateOnly? OriginalDueOn, DateOnly? NewDueOn, long? Amount);

/// <summary>A 繰上徴収の告知 or 保全差押金額の通知 with its claims and its printed notice.</summary>
public sealed record EnforcementNoticeView(long DocumentId, long CaseId, long TaxpayerId, EnforcementNoticeKind Kind, DateOnly On, DateOnly? NewDueOn,
    long? ProtectiveAmount, DateOnly? ExpiresOn, string? Subject, string Ground, IReadOnlyList<EnforcementNoticeLineView> Lines)
{
    public string KindName => EnforcementLabels.Of(Kind);
    public string Title => EnforcementNotices.Title(Kind);
}

/// <summary>
/// 繰上徴収 (地方税法13条の2) and 保全差押 (16条の4, 国税徴収法159条 by reference), each a 滞納処分 change of the taxpayer's case (officer-only)
/// with its notice to the taxpayer through the form engine (繰上徴収告知書, 保全差押金額通知書, recorded as issued documents), the
/// <c>enforcement_notices</c> rows (one per claim, sharing the document) and case event 105 / 106 (audit 3405 / 3406).
/// A 繰上徴収 writes the new 納期限 to <c>installments.accelerated_due_date</c>, the one place the claim's dates are read from
/// (<see cref="ClaimLedgers"/> → <see cref="Domain.Ledger.ClaimDates.AcceleratedDueDate"/>): the claim is in arrears from the day after it
/// and seizable without a reminder (<see cref="ClaimStatus.SeizableFrom(Domain.Ledger.ClaimDates, DateOnly?)"/>).
/// </summary>
public sealed class EnforcementNotices(ChoshuDbContext db, TimeProvider clock)
{
    public const int TemplateVersion = 1;

    public static string Title(EnforcementNoticeKind kind) => kind == EnforcementNoticeKind.ProtectiveSeizure ? "保全差押金額通知書" : "繰上徴収告知書";

    public static string Template(EnforcementNoticeKind kind) =>
        kind == EnforcementNoticeKind.ProtectiveSeizure ? IssuedDocumentKinds.ProtectiveSeizure : IssuedDocumentKinds.AcceleratedCollection;

    public async Task<(EnforcementNoticeView View, string? PdfPath)> AccelerateAsync(Actor actor, AccelerationRequest request, string? pdfDirectory,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var ground = EnforcementNoticeRule.AccelerationGround(request.Ground);
        var detail = Optional(request.Detail, "理由の詳細");
        var groundText = detail is null ? ground : $"{ground} {detail}";
        if (groundText.Length > TextMaxLength) throw new DomainException("enforcement.text_too_long", $"理由の詳細は{TextMaxLength - ground.Length - 1}文字以内で入力してください。");
        var party = await PartyAsync(db, request.TaxpayerNo, ct);
        FormLetter? letter = null;
        long docId = 0;
        await RunAsync(db, clock, actor, party.CaseId, CaseEventKind.AcceleratedCollectionNotified, async change =>
        {
            var today = change.Stamp.On;
            NotFuture(request.NoticeOn, today, "告知の日");
            var ids = request.InstallmentIds ?? await NotYetDueAsync(party.TaxpayerId, request.NoticeOn, request.NewDueOn, ct);
            if (ids.Count == 0)
                throw new DomainException("enforcement.no_claims_to_accelerate",
                    $"宛名番号 {party.TaxpayerNo} に、納期限が {D(request.NewDueOn)} より後で未納の期別がありません（繰上徴収できる期別がありません）。");
            var refs = await InstallmentFinder.ByIdsAsync(db, ids, ct);
            foreach (var i in ids)
                if (!refs.TryGetValue(i, out var x) || x.TaxpayerId != party.TaxpayerId)
                    throw new DomainException("enforcement.claim_not_taxpayers", $"期別 {i} は宛名番号 {party.TaxpayerNo} の期別ではありません。");
            if (db.Provider == StoreProvider.Postgres)
                foreach (var i in ids) await db.Database.ExecuteSqlAsync($"SELECT 1 FROM installments WHERE id = {i} FOR UPDATE", ct);
            var ledgers = await ClaimLedgers.LoadAsync(db, ids, ct);
            var rates = await ReferenceData.LoadRatesAsync(db, ct);
            var lines = new List<FormClaimLine>();
            var data = new List<DocumentData>();
            var rows = new List<EnforcementNotice>();
            foreach (var i in ids.Distinct().OrderBy(i => ledgers[i].DueDate).ThenBy(i => i))
            {
                var ledger = ledgers[i];
                EnforcementNoticeRule.CheckAcceleration(refs[i].Name, ledger.DueDate, ledger.Dates.AcceleratedDueDate, request.NoticeOn, request.NewDueOn);
                if (ledger.Owed <= 0)
                    throw new DomainException("enforcement.claim_paid", $"{refs[i].Name}は完納しています。繰上徴収の対象にできません。");
                var principal = Math.Max(0, ledger.PrincipalBalanceOn(today));
                var fee = Math.Max(0, ledger.ReminderFeeBalance);
                var lateFee = Math.Max(0, ledger.LateFeeOwed(today, rates).Owed);
                var installment = await db.Installments.SingleAsync(x => x.Id == i, ct);
                installment.AcceleratedDueDate = request.NewDueOn;
                rows.Add(new EnforcementNotice
                {
                    CaseId = party.CaseId, TaxpayerId = party.TaxpayerId, Kind = (short)EnforcementNoticeKind.AcceleratedCollection, InstallmentId = i,
                    On = request.NoticeOn, NewDueOn = request.NewDueOn, OriginalDueOn = ledger.DueDate, Amount = principal + fee + lateFee, Ground = groundText,
                    RecordedBy = change.Stamp.ActorName, RecordedAtUtc = change.Stamp.RecordedAtUtc,
                });
                lines.Add(new FormClaimLine(refs[i].TaxKindName, refs[i].FiscalYear, refs[i].NoticeNo, refs[i].Period, ledger.DueDate, principal, fee, lateFee,
                    $"繰上げ後の納期限 {JapaneseDate.Wareki(request.NewDueOn)}"));
                data.Add(new DocumentData().Add("installmentId", i).Add("originalDueOn", ledger.DueDate).Add("principal", principal).Add("reminderFee", fee)
                    .Add("lateFee", lateFee));
            }
            var (_, address, postal, addressLines) = await AddressAsync(db, party.TaxpayerId, today, ct);
            var body = AccelerationBody(request.NoticeOn, request.NewDueOn, groundText);
            var issue = new DocumentData().Add("title", Title(EnforcementNoticeKind.AcceleratedCollection)).Add("taxpayerNo", party.TaxpayerNo)
                .Add("noticeOn", request.NoticeOn).Add("newDueOn", request.NewDueOn).Add("ground", groundText).Add("issuedOn", today).Add("claims", data);
            var doc = await new IssuedDocuments(db, clock).RecordAsync(actor, new DocumentIssue(IssuedDocumentKinds.AcceleratedCollection,
                Template(EnforcementNoticeKind.AcceleratedCollection), TemplateVersion, party.TaxpayerId, null, issue,
                Summary: $"繰上徴収告知書 宛名番号 {party.TaxpayerNo} 期別 {lines.Count} 件 繰上げ後の納期限 {D(request.NewDueOn)}"), ct);
            foreach (var r in rows) r.DocumentId = doc.Id;
            db.EnforcementNotices.AddRange(rows);
            letter = await LetterAsync(doc.Id, request.NoticeOn, party, postal, addressLines, Title(EnforcementNoticeKind.AcceleratedCollection), body, lines,
                "延滞金は本書の日付までの額で、本来の納期限の翌日から完納の日まで計算し加算されます。", ct);
            docId = doc.Id;
            await db.SaveChangesAsync(ct);
            return $"繰上徴収の告知 {D(request.NoticeOn)}: 期別 {lines.Count} 件の納期限を {D(request.NewDueOn)} に繰上げ（{groundText}）、"
                + $"合計 {Yen(lines.Sum(l => l.Principal + l.ReminderFee + l.LateFee))}、繰上徴収告知書 発行番号 {doc.Id}";
        }, ct);
        var path = ClaimsForDistribution.Write(pdfDirectory, $"{Template(EnforcementNoticeKind.AcceleratedCollection)}-{letter!.DocumentNo}.pdf", letter);
        return (await ViewAsync(docId, ct), path);
    }

    public async Task<(EnforcementNoticeView View, string? PdfPath)> ProtectiveSeizureAsync(Actor actor, ProtectiveSeizureRequest request, string? pdfDirectory,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Positive(request.Amount, "保全差押金額");
        var subject = Text(request.Subject, "対象の地方税（税目・年度）");
        var ground = Text(request.Ground, "保全差押の理由");
        var expires = request.ExpiresOn ?? EnforcementNoticeRule.ProtectiveLastDay(request.NoticeOn);
        if (expires < request.NoticeOn)
            throw new DomainException("enforcement.expires_before_notice", $"保全差押の期限 {D(expires)} が通知の日 {D(request.NoticeOn)} より前です。");
        var party = await PartyAsync(db, request.TaxpayerNo, ct);
        FormLetter? letter = null;
        long docId = 0;
        await RunAsync(db, clock, actor, party.CaseId, CaseEventKind.ProtectiveSeizureNotified, async change =>
        {
            var today = change.Stamp.On;
            NotFuture(request.NoticeOn, today, "通知の日");
            var ids = (request.InstallmentIds ?? []).Distinct().ToList();
            var refs = await InstallmentFinder.ByIdsAsync(db, ids, ct);
            foreach (var i in ids)
                if (!refs.TryGetValue(i, out var x) || x.TaxpayerId != party.TaxpayerId)
                    throw new DomainException("enforcement.claim_not_taxpayers", $"期別 {i} は宛名番号 {party.TaxpayerNo} の期別ではありません。");
            var rows = ids.Count == 0 ? [Row(null)] : ids.OrderBy(i => i).Select(i => Row(i)).ToList();
            EnforcementNotice Row(long? installmentId) => new()
            {
                CaseId = party.CaseId, TaxpayerId = party.TaxpayerId, Kind = (short)EnforcementNoticeKind.ProtectiveSeizure, InstallmentId = installmentId,
                On = request.NoticeOn, Amount = request.Amount, ExpiresOn = expires, Subject = subject, Ground = ground,
                RecordedBy = change.Stamp.ActorName, RecordedAtUtc = change.Stamp.RecordedAtUtc,
            };
            var (_, _, postal, addressLines) = await AddressAsync(db, party.TaxpayerId, today, ct);
            var body = ProtectiveBody(request.NoticeOn, request.Amount, subject, ground, expires,
                ids.OrderBy(i => i).Select(i => refs[i].Name).ToList());
            var issue = new DocumentData().Add("title", Title(EnforcementNoticeKind.ProtectiveSeizure)).Add("taxpayerNo", party.TaxpayerNo)
                .Add("noticeOn", request.NoticeOn).Add("amount", request.Amount).Add("subject", subject).Add("ground", ground).Add("expiresOn", expires)
                .Add("issuedOn", today).Add("claims", ids.OrderBy(i => i).Select(i => new DocumentData().Add("installmentId", i)));
            var doc = await new IssuedDocuments(db, clock).RecordAsync(actor, new DocumentIssue(IssuedDocumentKinds.ProtectiveSeizure,
                Template(EnforcementNoticeKind.ProtectiveSeizure), TemplateVersion, party.TaxpayerId, null, issue,
                Summary: $"保全差押金額通知書 宛名番号 {party.TaxpayerNo} {subject} 保全差押金額 {request.Amount}円"), ct);
            foreach (var r in rows) r.DocumentId = doc.Id;
            db.EnforcementNotices.AddRange(rows);
            letter = await LetterAsync(doc.Id, request.NoticeOn, party, postal, addressLines, Title(EnforcementNoticeKind.ProtectiveSeizure), body, [],
                "保全差押金額は、確定すると見込まれる地方税の額の範囲内で決定した額です。", ct);
            docId = doc.Id;
            await db.SaveChangesAsync(ct);
            return $"保全差押金額の通知 {D(request.NoticeOn)}: {subject} 保全差押金額 {Yen(request.Amount)}、期限 {D(expires)}（{ground}）、"
                + $"保全差押金額通知書 発行番号 {doc.Id}";
        }, ct);
        var path = ClaimsForDistribution.Write(pdfDirectory, $"{Template(EnforcementNoticeKind.ProtectiveSeizure)}-{letter!.DocumentNo}.pdf", letter);
        return (await ViewAsync(docId, ct), path);
    }

    /// <summary>The notices of a case, newest first.</summary>
    public async Task<IReadOnlyList<EnforcementNoticeView>> ForCaseAsync(long caseId, CancellationToken ct = default)
    {
        var docs = await db.EnforcementNotices.AsNoTracking().Where(x => x.CaseId == caseId && x.DocumentId != null)
            .Select(x => x.DocumentId!.Value).Distinct().ToListAsync(ct);
        var list = new List<EnforcementNoticeView>();
        foreach (var d in docs.OrderByDescending(d => d)) list.Add(await ViewAsync(d, ct));
        return list;
    }

    /// <summary>The notice printed as document <paramref name="documentId"/>.</summary>
    public async Task<EnforcementNoticeView> ViewAsync(long documentId, CancellationToken ct = default)
    {
        var rows = await db.EnforcementNotices.AsNoTracking().Where(x => x.DocumentId == documentId).OrderBy(x => x.Id).ToListAsync(ct);
        if (rows.Count == 0) throw new DomainException("enforcement.notice_not_found", $"発行番号 {documentId} の繰上徴収・保全差押の通知は登録されていません。");
        var refs = await InstallmentFinder.ByIdsAsync(db, rows.Where(r => r.InstallmentId is not null).Select(r => r.InstallmentId!.Value).ToList(), ct);
        var first = rows[0];
        var kind = (EnforcementNoticeKind)first.Kind;
        return new EnforcementNoticeView(documentId, first.CaseId, first.TaxpayerId, kind, first.On, first.NewDueOn,
            kind == EnforcementNoticeKind.ProtectiveSeizure ? first.Amount : null, first.ExpiresOn, first.Subject, first.Ground,
            rows.Where(r => r.InstallmentId is not null)
                .Select(r => new EnforcementNoticeLineView(r.InstallmentId, refs[r.InstallmentId!.Value].Name, r.OriginalDueOn, r.NewDueOn,
                    kind == EnforcementNoticeKind.AcceleratedCollection ? r.Amount : null))
                .ToList());
    }

    /// <summary>The paragraphs of the 繰上徴収告知書 (docs/forms.md).</summary>
    public static List<string> AccelerationBody(DateOnly noticeOn, DateOnly newDueOn, string ground) =>
    [
        "地方税法第13条の2第1項の規定により、下記の市税の納期限を繰り上げ、次のとおり納付を告知します。",
        $"繰上げ後の納期限: {JapaneseDate.Wareki(newDueOn)}（告知の日 {JapaneseDate.Wareki(noticeOn)}）",
        $"繰上げの理由: {ground}",
        "繰上げ後の納期限までに完納されないときは、督促をしないで滞納処分をすることがあります（地方税法第331条第3項ほか）。",
        "下表の納期限は本来の納期限です。延滞金は本来の納期限の翌日から計算されます。",
    ];

    /// <summary>The paragraphs of the 保全差押金額通知書 (docs/forms.md).</summary>
    public static List<string> ProtectiveBody(DateOnly noticeOn, long amount, string subject, string ground, DateOnly expires, IReadOnlyList<string> claims)
    {
        var body = new List<string>
        {
            "地方税法第16条の4第1項（国税徴収法第159条の例による）の規定により、下記の金額を保全差押金額として決定したので通知します。",
            $"保全差押金額: {Yen(amount)}",
            $"対象の地方税: {subject}",
            $"理由: {ground}",
            $"この金額を限度として、納付すべき額の確定前にあなたの財産を差し押さえることがあります。{JapaneseDate.Wareki(expires)}までに納付すべき額が確定しないときは、その差押えを解除します。",
        };
        if (claims.Count > 0) body.Add("関係する期別: " + string.Join("、", claims));
        body.Add($"通知の日: {JapaneseDate.Wareki(noticeOn)}");
        return body;
    }

    private async Task<FormLetter> LetterAsync(long documentId, DateOnly on, EnforcementParty party, string? postal, IReadOnlyList<string> addressLines,
        string title, List<string> body, List<FormClaimLine> lines, string footnote, CancellationToken ct)
    {
        var city = (await AppSettings.LoadAsync(db, ct)).City;
        var recipient = new FormRecipient(postal, RecipientLines(addressLines), party.Name, null, null, party.TaxpayerNo);
        var letter = new FormLetter(FormLayout.A4Letter, title, documentId.ToString(CultureInfo.InvariantCulture), on, recipient,
            await SenderAsync(db, ct), body, lines, [], LetterTexts.AppealNotice(city).Split('\n'), footnote);
        Renderer.Value.Check([letter]);
        return letter;
    }

    /// <summary>The taxpayer's claims that may be accelerated to <paramref name="newDueOn"/>: 納期限 after it and after the notice, something owed.</summary>
    private async Task<List<long>> NotYetDueAsync(long taxpayerId, DateOnly noticeOn, DateOnly newDueOn, CancellationToken ct)
    {
        var ids = await db.Installments.AsNoTracking()
            .Where(i => i.Assessment!.TaxpayerId == taxpayerId && i.DueDate > newDueOn && i.DueDate >= noticeOn && i.AcceleratedDueDate == null)
            .Select(i => i.Id).ToListAsync(ct);
        var ledgers = await ClaimLedgers.LoadAsync(db, ids, ct);
        return ids.Where(i => ledgers[i].Owed > 0).OrderBy(i => ledgers[i].DueDate).ThenBy(i => i).ToList();
    }
}
