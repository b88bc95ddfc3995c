using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Choshu.App.Documents;
using Choshu.App.Security;
using Choshu.App.Settings;
using Choshu.Data;
using Choshu.Data.Certificates;
using Choshu.Data.Documents;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Certificates;
using Choshu.Domain.Labels;
using Choshu.Domain.Security;
using Choshu.Formats.Text;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Certificates;

/// <summary>What staff ask for at the counter (or with <c>choshu certificate issue</c>).</summary>
public sealed record CertificateOrder(
    string TaxpayerNo,
    CertificateKind Kind,
    IReadOnlyList<int> Years,
    string? VehicleNo,
    int Copies,
    CertificateRequester Requester,
    string? RequesterName);

/// <summary>A certificate as it was issued: the record, what it states and the lines printed.</summary>
public sealed record IssuedCertificate(
    long CertificateId,
    long DocumentId,
    string VerificationNo,
    CertificateContent Content,
    string TaxpayerNo,
    string Name,
    int Copies,
    long Fee,
    int Pages,
    IReadOnlyList<string> PrintedLines);

/// <summary>What a verification number finds: the certificate as recorded (its stored data record).</summary>
public sealed record VerifiedCertificate(
    long CertificateId,
    long DocumentId,
    string VerificationNo,
    CertificateKind Kind,
    DateOnly IssuedOn,
    DateOnly CoversUpTo,
    string TaxpayerNo,
    string Name,
    string? VehicleNo,
    int Copies,
    CertificateRequester Requester,
    string IssuedBy,
    IReadOnlyList<VerifiedLine> Lines);

public sealed record VerifiedLine(string TaxKindName, int FiscalYear, long Amount, long Paid, long Unpaid);

/// <summary>One row of a taxpayer's certificate history.</summary>
public sealed record CertificateHistoryLine(long CertificateId, long DocumentId, CertificateKind Kind, DateOnly IssuedOn, string Years, string? VehicleNo,
    int Copies, CertificateRequester Requester, long Fee, string IssuedBy);

/// <summary>
/// 納税証明書の交付 (docs/operations.md 「納税証明書」): at the counter or by the CLI, for a holder of
/// <see cref="Permission.IssueCertificates"/>. The content is <see cref="CertificateRule.Compute"/> over the claims
/// <see cref="CertificateClaims"/> loads (a refusal says why in Japanese and records nothing); the certificate is drawn by the
/// form engine (<see cref="CertificatePdf"/>) and recorded in one transaction: the issued document (kind certificate, audit
/// 4020 with the taxpayer) and the <c>certificates</c> row holding the verification number, what it said (the canonical data
/// record), requester, fee and count. The PDF reaches the caller's stream only after the commit.
/// </summary>
public sealed class TaxCertificates(ChoshuDbContext db, TimeProvider clock)
{
    public const string Template = "tax-certificate";
    public const int TemplateVersion = 1;
    public const int MaxCopies = 10;

    /// <summary>What the certificate would state today, for the counter to show before printing (audited 2021).</summary>
    public async Task<(CertificateContent Content, long Fee, string Name)> PreviewAsync(Actor actor, CertificateOrder order, CancellationToken ct = default)
    {
        var taxpayer = await FindAsync(actor, order, "内容確認", ct);
        var today = JapanTime.Today(clock);
        var claims = await CertificateClaims.LoadAsync(db, taxpayer.Id, ct);
        var content = CertificateRule.Compute(new CertificateRequest(order.Kind, order.Years, order.VehicleNo, today), claims);
        var fee = await AppSettings.CertificateFeeAsync(db, order.Kind, ct) * order.Copies;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.CertificatePreviewed, TaxpayerId: taxpayer.Id,
            Detail: $"{JapaneseLabels.Of(order.Kind)} {Years(content)} の内容確認"), clock, ct);
        await tx.CommitAsync(ct);
        return (content, fee, taxpayer.Name);
    }

    /// <summary>Issues the certificate and writes its PDF (the copies as pages) to <paramref name="pdf"/> after the commit.</summary>
    public async Task<IssuedCertificate> IssueAsync(Actor actor, CertificateOrder order, Stream pdf, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        if (order.Copies is < 1 or > MaxCopies)
            throw new DomainException("certificate.copies", $"通数は1〜{MaxCopies}通で指定してください。");
        if (order.Requester != CertificateRequester.Self && string.IsNullOrWhiteSpace(order.RequesterName))
            throw new DomainException("certificate.requester_name",
                $"{JapaneseLabels.Of(order.Requester)}が請求するときは、その氏名を入力してください（委任状・従業者であることの確認のうえ）。");
        if (order.RequesterName is { Length: > 100 })
            throw new DomainException("certificate.requester_name", "請求者の氏名は100文字までで入力してください。");
        var taxpayer = await FindAsync(actor, order, "交付", ct);
        var today = JapanTime.Today(clock);
        var claims = await CertificateClaims.LoadAsync(db, taxpayer.Id, ct);
        var content = CertificateRule.Compute(new CertificateRequest(order.Kind, order.Years, order.VehicleNo, today), claims);
        var settings = await AppSettings.LoadAsync(db, ct);
        var fee = await AppSettings.CertificateFeeAsync(db, order.Kind, ct) * order.Copies;

        string number;
        do number = VerificationNumber.New();
        while (await db.Certificates.AnyAsync(c => c.VerificationNo == number, ct));

        var data = DataRecord(content, taxpayer, number, order, fee);
        var buffer = new MemoryStream();
        IssuedCertificate issued;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            var document = await new IssuedDocuments(db, clock).RecordAsync(actor, new DocumentIssue(
                IssuedDocumentKinds.Certificate, Template, TemplateVersion, taxpayer.Id, null, data,
                Summary: $"{JapaneseLabels.Of(order.Kind)} {Years(content)} {order.Copies}通 請求者={JapaneseLabels.Of(order.Requester)} 手数料={fee}円",
                Purpose: "納税証明書の交付"), ct);
            var form = CertificatePdf.ToForm(document.Id, number, content, taxpayer.Name, taxpayer.Address, taxpayer.TaxpayerNo, settings.City);
            var pages = CertificatePdf.Render(Enumerable.Repeat(form, order.Copies).ToList(), buffer);
            var row = new Certificate
            {
                VerificationNo = number, Kind = order.Kind, TaxpayerId = taxpayer.Id, DocumentId = document.Id, IssuedOn = today,
                CoversUpTo = content.CoversUpTo, Years = string.Join(",", content.Lines.Select(l => l.FiscalYear).Distinct()),
                VehicleNo = content.VehicleNo, Copies = order.Copies, Requester = order.Requester,
                RequesterName = order.Requester == CertificateRequester.Self ? null : order.RequesterName!.Trim(), Fee = fee,
                Content = data.ToCanonicalJson(), ActorName = actor.Name, AccountId = actor.AccountId, IssuedAtUtc = document.IssuedAtUtc,
            };
            db.Certificates.Add(row);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.Entry(row).State = EntityState.Detached;
            issued = new IssuedCertificate(row.Id, document.Id, number, content, taxpayer.TaxpayerNo, taxpayer.Name, order.Copies, fee, pages,
                PrintedLines(content));
        }
        buffer.Position = 0;
        await buffer.CopyToAsync(pdf, ct);
        return issued;
    }

    /// <summary>
    /// Whether a certificate with this verification number was issued, and what it said (audited 2020 with its taxpayer).
    /// Null when none was (a number of the wrong form or check digit is refused before the store is asked).
    /// </summary>
    public async Task<VerifiedCertificate?> VerifyAsync(Actor actor, string typed, CancellationToken ct = default)
    {
        await AccessControl.DemandAsync(db, actor, Permission.IssueCertificates, clock, null, "納税証明書の照合", ct);
        if (!VerificationNumber.TryParse(typed, out var number))
            throw new DomainException("certificate.number_invalid", "照合番号は16桁の数字です（4桁ごとのハイフンは省略可）。番号を確かめてください（検査数字が一致しません）。");
        var row = await db.Certificates.AsNoTracking().SingleOrDefaultAsync(c => c.VerificationNo == number, ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await AuditLog.AppendAsync(db, actor, new AuditRecord(AuditEventKind.CertificateVerified, TaxpayerId: row?.TaxpayerId,
            Detail: row is null ? "照合番号の照会: 該当なし" : $"照合番号の照会: 証明書 {row.Id}（発行番号 {row.DocumentId}）"), clock, ct);
        await tx.CommitAsync(ct);
        if (row is null) return null;
        using var json = JsonDocument.Parse(row.Content);
        var r = json.RootElement;
        var lines = r.GetProperty("lines").EnumerateArray().Select(l => new VerifiedLine(
            l.GetProperty("taxKindName").GetString()!, l.GetProperty("fiscalYear").GetInt32(), l.GetProperty("amount").GetInt64(),
            l.GetProperty("paid").GetInt64(), l.GetProperty("unpaid").GetInt64())).ToList();
        return new VerifiedCertificate(row.Id, row.DocumentId, number, row.Kind, row.IssuedOn, row.CoversUpTo, r.GetProperty("taxpayerNo").GetString()!,
            r.GetProperty("name").GetString()!, row.VehicleNo, row.Copies, row.Requester, row.ActorName, lines);
    }

    /// <summary>The certificates issued for a taxpayer, newest first (the taxpayer page's history; the page's own read is audited).</summary>
    public async Task<IReadOnlyList<CertificateHistoryLine>> ListForTaxpayerAsync(long taxpayerId, CancellationToken ct = default) =>
        (await db.Certificates.AsNoTracking().Where(c => c.TaxpayerId == taxpayerId).ToListAsync(ct))
        .OrderByDescending(c => c.IssuedAtUtc).ThenByDescending(c => c.Id)
        .Select(c => new CertificateHistoryLine(c.Id, c.DocumentId, c.Kind, c.IssuedOn, c.Years, c.VehicleNo, c.Copies, c.Requester, c.Fee, c.ActorName))
        .ToList();

    /// <summary>The lines the certificate prints, as text (the CLI's output and <c>--json</c>).</summary>
    public static IReadOnlyList<string> PrintedLines(CertificateContent c) =>
        c.Lines.Select(l => $"{l.TaxKindName} {JapaneseDate.FiscalYear(l.FiscalYear)} 税額 {YenText.Yen(l.Amount)} 納付済額 {YenText.Yen(l.Paid)} 未納額 "
            + (l.Unpaid == 0 ? "なし" : YenText.Yen(l.Unpaid)) + (CertificatePdf.Note(l, c.On) is { } n ? $"（{n}）" : "")).ToList();

    private sealed record Party(long Id, string TaxpayerNo, string Name, string Address);

    private async Task<Party> FindAsync(Actor actor, CertificateOrder order, string what, CancellationToken ct)
    {
        await AccessControl.DemandAsync(db, actor, Permission.IssueCertificates, clock, null, $"納税証明書の{what}", ct);
        var no = order.TaxpayerNo.Trim();
        var t = await db.Taxpayers.AsNoTracking().Where(x => x.TaxpayerNo == no)
                    .Select(x => new { x.Id, x.TaxpayerNo, x.Facts.NameKanji, x.Facts.TownName, x.Facts.StreetNumber, x.Facts.AddressSupplement })
                    .SingleOrDefaultAsync(ct)
                ?? throw new DomainException("certificate.taxpayer_unknown", $"宛名番号 {no} の納税義務者は登録されていません。");
        var address = string.Join("", new[] { t.TownName, t.StreetNumber, string.IsNullOrWhiteSpace(t.AddressSupplement) ? null : "　" + t.AddressSupplement }
            .Where(x => !string.IsNullOrWhiteSpace(x)));
        return new Party(t.Id, t.TaxpayerNo, t.NameKanji, address.Length == 0 ? "（住所の登録なし）" : address);
    }

    private static string Years(CertificateContent c) => string.Join("・", c.Lines.Select(l => l.FiscalYear).Distinct().Select(y => $"{y}年度"));

    /// <summary>The data record a certificate is drawn from: its hash is the issued document's, its text is stored with it.</summary>
    private static DocumentData DataRecord(CertificateContent c, Party t, string number, CertificateOrder order, long fee) =>
        new DocumentData()
            .Add("kind", (long)c.Kind)
            .Add("verificationNo", number)
            .Add("issuedOn", c.On)
            .Add("coversUpTo", c.CoversUpTo)
            .Add("firstYear", (long)c.FirstYear)
            .Add("taxpayerNo", t.TaxpayerNo)
            .Add("name", t.Name)
            .Add("address", t.Address)
            .Add("vehicleNo", c.VehicleNo)
            .Add("copies", (long)order.Copies)
            .Add("requester", (long)order.Requester)
            .Add("fee", fee)
            .Add("lines", c.Lines.Select(l => new DocumentData()
                .Add("taxKindCode", l.TaxKindCode).Add("taxKindName", l.TaxKindName).Add("fiscalYear", (long)l.FiscalYear)
                .Add("amount", l.Amount).Add("paid", l.Paid).Add("unpaid", l.Unpaid).Add("feesUnpaid", l.FeesUnpaid)
                .Add("enforcementTaken", l.EnforcementTaken).Add("pendingStoreAmount", l.PendingStoreAmount).Add("paidToday", l.PaidToday)))
            .Add("omitted", c.Omitted.Select(o => new DocumentData().Add("fiscalYear", (long)o.FiscalYear).Add("reason", (long)o.Reason)));
}
