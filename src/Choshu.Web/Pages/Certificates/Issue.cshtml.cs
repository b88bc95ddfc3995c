using System.Globalization;
using Choshu.App.Certificates;
using Choshu.App.Privacy;
using Choshu.App.Security;
using Choshu.App.Taxpayers;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Certificates;
using Choshu.Domain.Security;
using Choshu.Web.Pages.Taxpayers;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Certificates;

/// <summary>
/// 納税証明書の交付 at the counter (<c>/Certificates/Issue/{handle}</c>, opened from the taxpayer page; the handle is the
/// taxpayer's, sealed to this session): the person as the gate shows them (audit 2001), then kind, years, vehicle, count,
/// requester; 「内容を確認」 shows what the certificate would state and the fee (<see cref="TaxCertificates.PreviewAsync"/>, audit
/// 2021) or why it cannot be issued; 「発行して印刷」 issues it (<see cref="TaxCertificates.IssueAsync"/>, audit 4020) and answers
/// the PDF. Needs <see cref="Permission.IssueCertificates"/>.
/// </summary>
[RequirePermission(Permission.IssueCertificates)]
public sealed class IssueModel(ChoshuDbContext db, TimeProvider clock, OpaqueIds ids) : PageModel
{
    [BindProperty] public string Kind { get; set; } = "amounts";
    [BindProperty] public string? Years { get; set; }
    [BindProperty] public string? VehicleNo { get; set; }
    [BindProperty] public int Copies { get; set; } = 1;
    [BindProperty] public string Requester { get; set; } = "self";
    [BindProperty] public string? RequesterName { get; set; }

    public TaxpayerDetails Taxpayer { get; private set; } = null!;
    public string Handle { get; private set; } = "";
    public CertificateContent? Preview { get; private set; }
    public long? Fee { get; private set; }
    public List<string> Errors { get; } = [];

    public static readonly IReadOnlyList<(string Value, CertificateKind Kind)> Kinds =
    [
        ("amounts", CertificateKind.Amounts), ("no-arrears", CertificateKind.NoArrears),
        ("no-enforcement", CertificateKind.NoEnforcement), ("vehicle", CertificateKind.Vehicle),
    ];

    public static readonly IReadOnlyList<(string Value, CertificateRequester Requester)> Requesters =
    [
        ("self", CertificateRequester.Self), ("agent", CertificateRequester.AgentWithLetter), ("staff", CertificateRequester.CorporateStaff),
    ];

    public async Task<IActionResult> OnGetAsync(string handle)
    {
        Years ??= CertificateRule.FiscalYearOf(JapanTime.Today(clock)).ToString(CultureInfo.InvariantCulture);
        return await LoadAsync(handle) ?? Page();
    }

    public async Task<IActionResult> OnPostPreviewAsync(string handle)
    {
        if (await LoadAsync(handle) is { } stop) return stop;
        if (Order() is not { } order) return Page();
        try
        {
            (Preview, Fee, _) = await new TaxCertificates(db, clock).PreviewAsync(HttpContext.Actor(), order, HttpContext.RequestAborted);
        }
        catch (AccessDeniedException ex)
        {
            return SearchModel.Forbidden(HttpContext, ex);
        }
        catch (DomainException ex)
        {
            Errors.Add(ex.Message);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostIssueAsync(string handle)
    {
        if (await LoadAsync(handle) is { } stop) return stop;
        if (Order() is not { } order) return Page();
        var pdf = new MemoryStream();
        try
        {
            var issued = await new TaxCertificates(db, clock).IssueAsync(HttpContext.Actor(), order, pdf, HttpContext.RequestAborted);
            return File(pdf.ToArray(), "application/pdf", $"certificate-{issued.DocumentId}.pdf");
        }
        catch (AccessDeniedException ex)
        {
            return SearchModel.Forbidden(HttpContext, ex);
        }
        catch (DomainException ex)
        {
            Errors.Add(ex.Message);
        }
        return Page();
    }

    private CertificateOrder? Order()
    {
        var kind = Kinds.Where(k => k.Value == Kind).Select(k => (CertificateKind?)k.Kind).FirstOrDefault();
        if (kind is null) Errors.Add("証明書の種類を選んでください。");
        var years = new List<int>();
        foreach (var part in (Years ?? "").Normalize(System.Text.NormalizationForm.FormKC).Split([' ', ',', '、'], StringSplitOptions.RemoveEmptyEntries))
        {
            if (int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 2000 and <= 2100) years.Add(y);
            else
            {
                Errors.Add($"年度「{part}」は西暦4桁で入力してください（例: 2025 2026）。");
                break;
            }
        }
        if (years.Count == 0 && Errors.Count == 0) Errors.Add("証明する年度を西暦4桁で1つ以上入力してください（例: 2025 2026）。");
        var requester = Requesters.Where(r => r.Value == Requester).Select(r => (CertificateRequester?)r.Requester).FirstOrDefault();
        if (requester is null) Errors.Add("請求者を選んでください。");
        if (Copies is < 1 or > TaxCertificates.MaxCopies) Errors.Add($"通数は1〜{TaxCertificates.MaxCopies}で入力してください。");
        if (Errors.Count > 0) return null;
        return new CertificateOrder(Taxpayer.TaxpayerNo, kind!.Value, years, VehicleNo, Copies, requester!.Value, RequesterName);
    }

    private async Task<IActionResult?> LoadAsync(string handle)
    {
        if (!ids.TryUnprotect(TaxpayerText.HandleKind, handle, User.SessionIdOf(), out string? taxpayerNo)) return NotFound();
        try
        {
            var details = await new PersonalDataGate(db, clock).ViewAsync(HttpContext.Actor(), taxpayerNo, HttpContext.RequestAborted);
            if (details is null) return NotFound();
            Taxpayer = details;
        }
        catch (AccessDeniedException ex)
        {
            return SearchModel.Forbidden(HttpContext, ex);
        }
        Handle = handle;
        return null;
    }
}
