using System.Globalization;
using Choshu.App.Assessments;
using Choshu.App.Claims;
using Choshu.App.Documents;
using Choshu.App.Security;
using Choshu.App.Stores;
using Choshu.Data;
using Choshu.Data.Documents;
using Choshu.Data.Enforcement;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Cases;
using Choshu.Domain.Claims;
using Choshu.Domain.Enforcement;
using Choshu.Domain.Security;
using Choshu.Formats.Text;
using Choshu.Forms;
using Microsoft.EntityFrameworkCore;
using static Choshu.App.Enforcement.EnforcementSupport;

namespace Choshu.App.Enforcement;

/// <summary>A 交付要求 or 参加差押 as staff enter it. <paramref name="InstallmentIds"/> null: every claim of the taxpayer in arrears today.</summary>
public sealed record ClaimForDistributionRequest(
    string TaxpayerNo,
    ClaimForDistributionKind Kind,
    EnforcementBodyKind BodyKind,
    string BodyName,
    DateOnly SentOn,
    DateOnly? ReceivedOn = null,
    string? ProcedureRef = null,
    string? Property = null,
    IReadOnlyList<long>? InstallmentIds = null);

/// <summary>One claim asked for: the amounts printed on the form (as of the day it was made) and its claim event 41.</summary>
public sealed record ClaimForDistributionLineView(long InstallmentId, string Name, DateOnly DueOn, DateOnly LegalDueOn, long Principal, long ReminderFee, long LateFee, long ClaimEventId)
{
    public long Total => Principal + ReminderFee + LateFee;
}

/// <summary>A 交付要求・参加差押 with its claims and what was received on it.</summary>
public sealed record ClaimForDistributionView(
    long Id, long CaseId, long TaxpayerId, ClaimForDistributionKind Kind, EnforcementBodyKind BodyKind, string BodyName, string? ProcedureRef, string? Property,
    DateOnly SentOn, DateOnly? ReceivedOn, DateOnly? EndedOn, string? EndReason, long? DocumentId, IReadOnlyList<ClaimForDistributionLineView> Lines, long Received,
    long? NoticeDocumentId = null)
{
    public long Total => Lines.Sum(l => l.Total);
    public string KindName => EnforcementLabels.Of(Kind);
    public string BodyKindName => EnforcementLabels.Of(BodyKind);
    public bool Pending => EndedOn is null;
}

/// <summary>
/// 交付要求・参加差押 (issue 15 item 4): the city asks another enforcement body (執行裁判所, 税務署, another city, 破産管財人) for a share of
/// what it realises on the taxpayer's property. Recording it writes the request and its claims, a claim event 41
/// (<see cref="ClaimEventKind.ClaimForDistribution"/>: the limitation is postponed while it is pending) on every claim, the
/// 交付要求書 / 参加差押書 as an issued document, and case event 100 (audit 3400). Ending it (the other procedure ended) closes every
/// claim event (renewed from then) and appends case event 101 (3401). Money received on it is <see cref="DistributionBooking"/>.
/// </summary>
public sealed class ClaimsForDistribution(ChoshuDbContext db, TimeProvider clock)
{
    public const int TemplateVersion = 1;

    public async Task<(ClaimForDistributionView View, string? PdfPath)> RecordAsync(Actor actor, ClaimForDistributionRequest request, string? pdfDirectory,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Enum.IsDefined(request.Kind)) throw new DomainException("enforcement.kind_invalid", "種類は 交付要求 または 参加差押 を指定してください。");
        if (!Enum.IsDefined(request.BodyKind)) throw new DomainException("enforcement.body_kind_invalid", "執行機関の種類（執行裁判所・税務署・他の地方団体・破産管財人・その他）を指定してください。");
        var bodyName = Text(request.BodyName, "執行機関名");
        var procedure = Optional(request.ProcedureRef, "事件番号・滞納処分の表示");
        var property = Optional(request.Property, "財産の表示");
        if (request.Kind == ClaimForDistributionKind.ParticipatingSeizure && property is null)
            throw new DomainException("enforcement.property_required", "参加差押には、他の執行機関が差し押さえた財産の表示を入力してください。");
        if (request.ReceivedOn is { } r && r < request.SentOn)
            throw new DomainException("enforcement.received_before_sent", $"執行機関の受付日 {D(r)} が送付日 {D(request.SentOn)} より前です。");
        var party = await PartyAsync(db, request.TaxpayerNo, ct);
        FormLetter? letter = null, notice = null;
        long id = 0;
        await RunAsync(db, clock, actor, party.CaseId, CaseEventKind.ClaimForDistributionMade, async change =>
        {
            var today = change.Stamp.On;
            NotFuture(request.SentOn, today, "送付日");
            if (request.ReceivedOn is { } rr) NotFuture(rr, today, "受付日");
            var ids = request.InstallmentIds ?? await ArrearsAsync(party.TaxpayerId, today, ct);
            if (ids.Count == 0)
                throw new DomainException("enforcement.no_claims", $"宛名番号 {party.TaxpayerNo} に{EnforcementLabels.Of(request.Kind)}できる滞納の期別がありません。");
            var refs = await InstallmentFinder.ByIdsAsync(db, ids, ct);
            foreach (var i in ids)
                if (!refs.TryGetValue(i, out var x) || x.TaxpayerId != party.TaxpayerId)
                    throw new DomainException("enforcement.claim_not_taxpayers", $"期別 {i} は宛名番号 {party.TaxpayerNo} の期別ではありません。");
            if (db.Provider == StoreProvider.Postgres)
                foreach (var i in ids) await db.Database.ExecuteSqlAsync($"SELECT 1 FROM installments WHERE id = {i} FOR UPDATE", ct);
            var ledgers = await ClaimLedgers.LoadAsync(db, ids, ct);
            var rates = await ReferenceData.LoadRatesAsync(db, ct);
            var row = new ClaimForDistribution
            {
                CaseId = party.CaseId, TaxpayerId = party.TaxpayerId, Kind = (short)request.Kind, BodyKind = (short)request.BodyKind, BodyName = bodyName,
                ProcedureRef = procedure, Property = property, SentOn = request.SentOn, ReceivedOn = request.ReceivedOn,
                RecordedBy = change.Stamp.ActorName, RecordedAtUtc = change.Stamp.RecordedAtUtc,
            };
            db.ClaimsForDistribution.Add(row);
            await db.SaveChangesAsync(ct);
            var claimLines = new List<FormClaimLine>();
            var data = new List<DocumentData>();
            foreach (var i in ids.OrderBy(i => ledgers[i].Dates.StatutoryDueDate).ThenBy(i => i))
            {
                var ledger = ledgers[i];
                var e = ClaimEvent.Create(i, ClaimEventKind.ClaimForDistribution, request.SentOn, change.Stamp.ActorName, change.Stamp.RecordedAtUtc,
                    reason: $"{EnforcementLabels.Of(request.Kind)} {bodyName}（記録 {row.Id}）");
                ClaimEvents.Check(ledger, e, today);
                if (ledger.Owed <= 0 && ledger.PrincipalBalanceOn(today) <= 0)
                    throw new DomainException("enforcement.claim_paid", $"{refs[i].Name}は完納しています。{EnforcementLabels.Of(request.Kind)}の対象にできません。");
                db.ClaimEvents.Add(e);
                await db.SaveChangesAsync(ct);
                var principal = Math.Max(0, ledger.PrincipalBalanceOn(today));
                var fee = Math.Max(0, ledger.ReminderFeeBalance);
                var lateFee = Math.Max(0, ledger.LateFeeOwed(today, rates).Owed);
                db.ClaimForDistributionLines.Add(new ClaimForDistributionLine
                {
                    ClaimForDistributionId = row.Id, InstallmentId = i, Principal = principal, ReminderFee = fee, LateFee = lateFee, ClaimEventId = e.Id,
                });
                claimLines.Add(new FormClaimLine(refs[i].TaxKindName, refs[i].FiscalYear, refs[i].NoticeNo, refs[i].Period, ledger.DueDate, principal, fee, lateFee,
                    $"法定納期限等 {JapaneseDate.Wareki(ledger.Dates.StatutoryDueDate)}"));
                data.Add(new DocumentData().Add("installmentId", i).Add("principal", principal).Add("reminderFee", fee).Add("lateFee", lateFee)
                    .Add("legalDueOn", ledger.Dates.StatutoryDueDate));
            }
            var (doc, l) = await LetterAsync(actor, party, row, claimLines, data, today, ct);
            row.DocumentId = doc.Id;
            letter = l;
            var (noticeDoc, n) = await TaxpayerNoticeAsync(actor, party, row, claimLines, data, today, ct);
            row.NoticeDocumentId = noticeDoc.Id;
            notice = n;
            id = row.Id;
            await db.SaveChangesAsync(ct);
            return $"{EnforcementLabels.Of(request.Kind)} 記録 {row.Id}: {EnforcementLabels.Of(request.BodyKind)} {bodyName}"
                + (procedure is null ? "" : $"（{procedure}）") + $"、送付日 {D(request.SentOn)}、受付日 {D(request.ReceivedOn)}、期別 {ids.Count} 件 "
                + $"合計 {Yen(claimLines.Sum(c => c.Principal + c.ReminderFee + c.LateFee))}、{Title(request.Kind)} 発行番号 {doc.Id}、"
                + $"{NoticeTitle(request.Kind)}（滞納者あて）発行番号 {noticeDoc.Id}";
        }, ct);
        var path = Write(pdfDirectory, $"{Template(request.Kind)}-{letter!.DocumentNo}.pdf", letter);
        Write(pdfDirectory, NoticeFileName(notice!.DocumentNo), notice);
        return (await ViewAsync(id, ct), path);
    }

    /// <summary>The other body received the request on <paramref name="receivedOn"/> (decides its rank among the 交付要求).</summary>
    public async Task<ClaimForDistributionView> SetReceivedAsync(Actor actor, long id, DateOnly receivedOn, CancellationToken ct = default)
    {
        var current = await RowAsync(id, ct);
        await RunAsync(db, clock, actor, current.CaseId, CaseEventKind.ClaimForDistributionMade, async change =>
        {
            var row = await db.ClaimsForDistribution.SingleAsync(x => x.Id == id, ct);
            NotFuture(receivedOn, change.Stamp.On, "受付日");
            if (receivedOn < row.SentOn)
                throw new DomainException("enforcement.received_before_sent", $"執行機関の受付日 {D(receivedOn)} が送付日 {D(row.SentOn)} より前です。");
            row.ReceivedOn = receivedOn;
            return $"{EnforcementLabels.Of((ClaimForDistributionKind)row.Kind)} 記録 {row.Id}: {row.BodyName} の受付日 {D(receivedOn)}";
        }, ct);
        return await ViewAsync(id, ct);
    }

    /// <summary>
    /// Ends the request on <paramref name="endedOn"/> (the other procedure ended: distributed, withdrawn, the bankruptcy closed): every claim
    /// event 41 is closed on that day (a replacement with its end, as <see cref="ClaimEvents.EndAsync"/> records one) — the limitation is renewed.
    /// </summary>
    public async Task<ClaimForDistributionView> EndAsync(Actor actor, long id, DateOnly endedOn, string reason, CancellationToken ct = default)
    {
        var why = Text(reason, "終了の理由");
        var current = await RowAsync(id, ct);
        await RunAsync(db, clock, actor, current.CaseId, CaseEventKind.ClaimForDistributionEnded, async change =>
        {
            var row = await db.ClaimsForDistribution.SingleAsync(x => x.Id == id, ct);
            if (row.EndedOn is { } ended)
                throw new DomainException("enforcement.already_ended", $"{EnforcementLabels.Of((ClaimForDistributionKind)row.Kind)} 記録 {row.Id} は {D(ended)} に終了しています。");
            NotFuture(endedOn, change.Stamp.On, "終了日");
            if (endedOn < row.SentOn)
                throw new DomainException("enforcement.ended_before_sent", $"終了日 {D(endedOn)} が送付日 {D(row.SentOn)} より前です。");
            var lines = await db.ClaimForDistributionLines.AsNoTracking().Where(l => l.ClaimForDistributionId == id).ToListAsync(ct);
            var ledgers = await ClaimLedgers.LoadAsync(db, lines.Select(l => l.InstallmentId).ToList(), ct);
            foreach (var line in lines)
            {
                var inForce = ClaimEvent.InForce(ledgers[line.InstallmentId].Events);
                // The event the line recorded, or the one that replaced it; a withdrawn one is left alone.
                var open = inForce.FirstOrDefault(e => e.Kind == ClaimEventKind.ClaimForDistribution && e.EndsOn is null
                    && (e.Id == line.ClaimEventId || e.ReversesEventId == line.ClaimEventId));
                if (open is null) continue;
                db.ClaimEvents.Add(ClaimEvent.Create(open.InstallmentId, open.Kind, open.On, change.Stamp.ActorName, change.Stamp.RecordedAtUtc, endedOn,
                    reversesEventId: open.Id, reason: why, documentId: open.DocumentId));
            }
            row.EndedOn = endedOn;
            row.EndReason = why;
            return $"{EnforcementLabels.Of((ClaimForDistributionKind)row.Kind)} 記録 {row.Id}（{row.BodyName}）を {D(endedOn)} に終了: {why}（期別 {lines.Count} 件の時効は翌日から新たに進行）";
        }, ct);
        return await ViewAsync(id, ct);
    }

    /// <summary>The requests of a case, newest first.</summary>
    public async Task<IReadOnlyList<ClaimForDistributionView>> ForCaseAsync(long caseId, CancellationToken ct = default)
    {
        var ids = await db.ClaimsForDistribution.AsNoTracking().Where(x => x.CaseId == caseId).OrderByDescending(x => x.Id).Select(x => x.Id).ToListAsync(ct);
        var list = new List<ClaimForDistributionView>();
        foreach (var i in ids) list.Add(await ViewAsync(i, ct));
        return list;
    }

    public async Task<ClaimForDistributionView> ViewAsync(long id, CancellationToken ct = default)
    {
        var row = await RowAsync(id, ct);
        var lines = await db.ClaimForDistributionLines.AsNoTracking().Where(l => l.ClaimForDistributionId == id).OrderBy(l => l.Id).ToListAsync(ct);
        var refs = await InstallmentFinder.ByIdsAsync(db, lines.Select(l => l.InstallmentId).ToList(), ct);
        var legal = await db.Installments.AsNoTracking().Where(i => refs.Keys.Contains(i.Id)).Select(i => new { i.Id, i.StatutoryDueDate, i.DueDate })
            .ToDictionaryAsync(i => i.Id, ct);
        var received = await db.DistributionReceipts.AsNoTracking().Where(r => r.ClaimForDistributionId == id).SumAsync(r => (long?)r.Amount, ct) ?? 0;
        return new ClaimForDistributionView(row.Id, row.CaseId, row.TaxpayerId, (ClaimForDistributionKind)row.Kind, (EnforcementBodyKind)row.BodyKind, row.BodyName,
            row.ProcedureRef, row.Property, row.SentOn, row.ReceivedOn, row.EndedOn, row.EndReason, row.DocumentId,
            lines.Select(l => new ClaimForDistributionLineView(l.InstallmentId, refs[l.InstallmentId].Name, legal[l.InstallmentId].DueDate,
                legal[l.InstallmentId].StatutoryDueDate, l.Principal, l.ReminderFee, l.LateFee, l.ClaimEventId)).ToList(),
            received, row.NoticeDocumentId);
    }

    private async Task<ClaimForDistribution> RowAsync(long id, CancellationToken ct) =>
        await db.ClaimsForDistribution.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct)
        ?? throw new DomainException("enforcement.claim_for_distribution_not_found", $"交付要求・参加差押 {id} は登録されていません。");

    /// <summary>The taxpayer's claims in arrears today (納期限 passed, something owed), oldest 法定納期限 first.</summary>
    internal async Task<List<long>> ArrearsAsync(long taxpayerId, DateOnly today, CancellationToken ct)
    {
        var ids = await db.Installments.AsNoTracking().Where(i => i.Assessment!.TaxpayerId == taxpayerId).Select(i => i.Id).ToListAsync(ct);
        var ledgers = await ClaimLedgers.LoadAsync(db, ids, ct);
        return ids.Where(i => ClaimStatus.Of(ledgers[i], today).InArrears && !ledgers[i].ClaimLapsed(today))
            .OrderBy(i => ledgers[i].Dates.StatutoryDueDate).ThenBy(i => i).ToList();
    }

    public static string Title(ClaimForDistributionKind kind) => kind == ClaimForDistributionKind.ParticipatingSeizure ? "参加差押書" : "交付要求書";

    public static string Template(ClaimForDistributionKind kind) => kind == ClaimForDistributionKind.ParticipatingSeizure ? "participating-seizure" : "claim-for-distribution";

    /// <summary>The paragraphs of the form (docs/forms.md).</summary>
    public static List<string> Body(ClaimForDistributionKind kind, EnforcementParty party, string address, EnforcementBodyKind bodyKind, string bodyName,
        string? procedure, string? property)
    {
        var body = new List<string>
        {
            kind == ClaimForDistributionKind.ParticipatingSeizure
                ? "下記の滞納者の滞納市税を徴収するため、地方税法の規定によりその例によることとされる国税徴収法第86条第1項の規定により、下記の財産について参加差押えをします。"
                : "下記の滞納者の滞納市税を徴収するため、地方税法の規定によりその例によることとされる国税徴収法第82条第1項の規定により、下記のとおり交付要求します。",
            $"滞納者: {party.Name}（宛名番号 {party.TaxpayerNo}）　{address}",
            $"執行機関: {EnforcementLabels.Of(bodyKind)} {bodyName}" + (procedure is null ? "" : $"（{procedure}）"),
        };
        if (property is not null) body.Add($"財産の表示: {property}");
        body.Add("滞納市税の明細は下表のとおりです。延滞金は本書の日付までの額で、完納の日まで加算されます。配当（交付）の順位は各期別の法定納期限等によります。");
        return body;
    }

    public static string NoticeTitle(ClaimForDistributionKind kind) => kind == ClaimForDistributionKind.ParticipatingSeizure ? "参加差押通知書" : "交付要求通知書";

    /// <summary>The file the taxpayer's notice is written to, next to the 交付要求書: claim-for-distribution-notice-{発行番号}.pdf.</summary>
    public static string NoticeFileName(string documentNo) => $"{IssuedDocumentKinds.ClaimForDistributionNotice}-{documentNo}.pdf";

    /// <summary>The paragraphs of the notice to the taxpayer (docs/forms.md).</summary>
    public static List<string> NoticeBody(ClaimForDistributionKind kind, DateOnly sentOn, EnforcementBodyKind bodyKind, string bodyName, string? procedure,
        string? property)
    {
        var body = new List<string>
        {
            kind == ClaimForDistributionKind.ParticipatingSeizure
                ? "あなたの滞納市税を徴収するため、地方税法の規定によりその例によることとされる国税徴収法第86条の規定により、下記の財産について参加差押えをしたので通知します。"
                : "あなたの滞納市税を徴収するため、地方税法の規定によりその例によることとされる国税徴収法第82条第1項の規定により、下記の執行機関に交付要求をしたので、同条第2項の規定により通知します。",
            $"{EnforcementLabels.Of(kind)}をした日: {JapaneseDate.Wareki(sentOn)}",
            $"執行機関: {EnforcementLabels.Of(bodyKind)} {bodyName}" + (procedure is null ? "" : $"（{procedure}）"),
        };
        if (property is not null) body.Add($"財産の表示: {property}");
        body.Add("滞納市税の明細は下表のとおりです。延滞金は本書の日付までの額で、完納の日まで加算されます。");
        body.Add($"滞納市税を完納されたときは、{(kind == ClaimForDistributionKind.ParticipatingSeizure ? "参加差押え" : "交付要求")}を解除します。");
        return body;
    }

    private async Task<(IssuedDocument Doc, FormLetter Letter)> TaxpayerNoticeAsync(Actor actor, EnforcementParty party, ClaimForDistribution row,
        List<FormClaimLine> lines, List<DocumentData> data, DateOnly today, CancellationToken ct)
    {
        var kind = (ClaimForDistributionKind)row.Kind;
        var (_, _, postal, addressLines) = await AddressAsync(db, party.TaxpayerId, today, ct);
        var body = NoticeBody(kind, row.SentOn, (EnforcementBodyKind)row.BodyKind, row.BodyName, row.ProcedureRef, row.Property);
        var issue = new DocumentData().Add("title", NoticeTitle(kind)).Add("claimForDistributionId", row.Id).Add("taxpayerNo", party.TaxpayerNo)
            .Add("bodyKind", (long)row.BodyKind).Add("bodyName", row.BodyName).Add("sentOn", row.SentOn).Add("issuedOn", today).Add("claims", data);
        var doc = await new IssuedDocuments(db, clock).RecordAsync(actor, new DocumentIssue(IssuedDocumentKinds.ClaimForDistributionNotice,
            IssuedDocumentKinds.ClaimForDistributionNotice, TemplateVersion, party.TaxpayerId, null, issue,
            Summary: $"{NoticeTitle(kind)} 滞納者 {party.TaxpayerNo} 執行機関 {row.BodyName} 期別 {lines.Count} 件"), ct);
        var recipient = new FormRecipient(postal, RecipientLines(addressLines), party.Name, null, null, party.TaxpayerNo);
        var letter = new FormLetter(FormLayout.A4Letter, NoticeTitle(kind), doc.Id.ToString(CultureInfo.InvariantCulture), today, recipient,
            await SenderAsync(db, ct), body, lines, [], [], $"記録番号 {row.Id}");
        Renderer.Value.Check([letter]);
        return (doc, letter);
    }

    private async Task<(IssuedDocument Doc, FormLetter Letter)> LetterAsync(Actor actor, EnforcementParty party, ClaimForDistribution row,
        List<FormClaimLine> lines, List<DocumentData> data, DateOnly today, CancellationToken ct)
    {
        var kind = (ClaimForDistributionKind)row.Kind;
        var (_, address, _, _) = await AddressAsync(db, party.TaxpayerId, today, ct);
        var body = Body(kind, party, address, (EnforcementBodyKind)row.BodyKind, row.BodyName, row.ProcedureRef, row.Property);
        var issue = new DocumentData().Add("title", Title(kind)).Add("claimForDistributionId", row.Id).Add("taxpayerNo", party.TaxpayerNo)
            .Add("bodyKind", (long)row.BodyKind).Add("bodyName", row.BodyName).Add("sentOn", row.SentOn).Add("issuedOn", today).Add("claims", data);
        var doc = await new IssuedDocuments(db, clock).RecordAsync(actor, new DocumentIssue(
            kind == ClaimForDistributionKind.ParticipatingSeizure ? IssuedDocumentKinds.ParticipatingSeizure : IssuedDocumentKinds.ClaimForDistribution,
            Template(kind), TemplateVersion, party.TaxpayerId, null, issue,
            Summary: $"{Title(kind)} 宛先 {row.BodyName} 滞納者 {party.TaxpayerNo} 期別 {lines.Count} 件"), ct);
        // The enforcement body is the addressee (御中; a trustee, a person, 様); the delinquent is identified in the body (滞納者: 氏名（宛名番号）), not here.
        var recipient = new FormRecipient(null, [EnforcementLabels.Of((EnforcementBodyKind)row.BodyKind)], row.BodyName, "執行機関", null, "",
            Honorific: (EnforcementBodyKind)row.BodyKind == EnforcementBodyKind.BankruptcyTrustee ? "様" : "御中");
        var letter = new FormLetter(FormLayout.A4Letter, Title(kind), doc.Id.ToString(CultureInfo.InvariantCulture), today, recipient,
            await SenderAsync(db, ct), body, lines, [], [], $"記録番号 {row.Id}");
        Renderer.Value.Check([letter]);
        return (doc, letter);
    }

    internal static string? Write(string? directory, string fileName, FormLetter letter)
    {
        if (directory is null) return null;
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, fileName);
        var part = path + ".part";
        using (var file = File.Create(part)) Renderer.Value.Render([letter], file);
        File.Move(part, path, overwrite: true);
        return path;
    }
}
