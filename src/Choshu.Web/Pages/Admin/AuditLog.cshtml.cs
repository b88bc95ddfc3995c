using System.Globalization;
using Choshu.App.Audit;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Security;
using Choshu.Web.Pages.Reports;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Admin;

/// <summary>
/// 操作ログの閲覧 (<see cref="AuditListQuery"/>) for the security officer (<see cref="Permission.ReviewAudit"/>):
/// filters by period (Japan dates), 職員番号 (or system actor name), event kind and 宛名番号; 50 records a
/// page, oldest first. The criteria travel only in POST bodies (a 宛名番号 identifies a person), the
/// result is the POST's response and each page re-posts them with its number. Every viewing is itself
/// recorded (7004) by the query, with the filter and the page.
/// </summary>
[RequirePermission(Permission.ReviewAudit)]
public sealed class AuditLogModel(ChoshuDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    [BindProperty] public string? From { get; set; }
    [BindProperty] public string? To { get; set; }
    [BindProperty] public string? StaffNo { get; set; }
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? TaxpayerNo { get; set; }
    [BindProperty] public int PageNo { get; set; } = 1;

    public AuditListResult? Result { get; private set; }
    public string? Error { get; private set; }

    /// <summary>Every event kind, by number, for the select.</summary>
    public static IReadOnlyList<AuditEventKind> Kinds { get; } = Enum.GetValues<AuditEventKind>().OrderBy(k => (int)k).ToList();

    public int FirstPosition => (PageNo - 1) * PageSize + 1;

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        var errors = new List<string>();
        DateOnly? from = null, to = null;
        AuditEventKind? kind = null;
        if (!string.IsNullOrWhiteSpace(From) && (from = ReportDates.Parse(From)) is null) errors.Add("期間の開始日を 2026-11-01 のように 年-月-日 で入力してください。");
        if (!string.IsNullOrWhiteSpace(To) && (to = ReportDates.Parse(To)) is null) errors.Add("期間の終了日を 2026-11-30 のように 年-月-日 で入力してください。");
        if (from is { } f && to is { } t && t < f) errors.Add("期間の終了日は開始日以降にしてください。");
        if (!string.IsNullOrWhiteSpace(Kind))
        {
            if (int.TryParse(Kind, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && Enum.IsDefined(typeof(AuditEventKind), n))
                kind = (AuditEventKind)n;
            else errors.Add("操作の種類を一覧から選んでください。");
        }
        var staffNo = string.IsNullOrWhiteSpace(StaffNo) ? null : StaffNo.Trim();
        var taxpayerNo = string.IsNullOrWhiteSpace(TaxpayerNo) ? null : TaxpayerNo.Trim();
        if (staffNo is { Length: > 100 }) errors.Add("職員番号が長すぎます。");
        if (taxpayerNo is not null && (taxpayerNo.Length > 20 || !taxpayerNo.All(char.IsAsciiDigit)))
            errors.Add("宛名番号は半角数字で入力してください。");
        if (PageNo < 1) PageNo = 1;
        if (errors.Count > 0)
        {
            Error = string.Join(" ", errors);
            return Page();
        }
        try
        {
            Result = await AuditListQuery.LoadPageAsync(db, HttpContext.Actor(), new AuditListFilter(from, to, staffNo, kind, taxpayerNo),
                (PageNo - 1) * PageSize, PageSize, clock, HttpContext.RequestAborted);
        }
        catch (AccessDeniedException ex)
        {
            HttpContext.Items[PermissionHandler.DeniedMessageKey] = ex.Message;
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        catch (DomainException ex)
        {
            Error = ex.Message;
        }
        return Page();
    }
}
