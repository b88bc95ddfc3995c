using Choshu.App.Reports;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain.Calendar;
using Choshu.Domain.Security;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Reports;

/// <summary>
/// 還付充当一覧: per day and tax kind the appropriations and the refunds decided in a range of days
/// (<see cref="RefundReportQuery"/>). Totals only, no taxpayer: viewing is not audited, as on <see cref="CollectionModel"/>;
/// the CSV download is an export (POST, <see cref="Permission.ExportData"/> as well, recorded by the release).
/// </summary>
[RequirePermission(Permission.ViewReports)]
public sealed class RefundsModel(ChoshuDbContext db, TimeProvider clock) : PageModel
{
    /// <summary>最初の日 "YYYY-MM-DD"; default: the first day of this month.</summary>
    [BindProperty(SupportsGet = true)] public string? From { get; set; }

    /// <summary>最後の日 "YYYY-MM-DD"; default: today.</summary>
    [BindProperty(SupportsGet = true)] public string? To { get; set; }

    public DateOnly FirstDay { get; private set; }
    public DateOnly LastDay { get; private set; }
    public RefundReport? Report { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync()
    {
        Resolve();
        Report = await RefundReportQuery.LoadAsync(db, FirstDay, LastDay, HttpContext.RequestAborted);
    }

    public async Task<IActionResult> OnPostCsvAsync()
    {
        if (!Resolve())
        {
            Report = await RefundReportQuery.LoadAsync(db, FirstDay, LastDay, HttpContext.RequestAborted);
            return Page();
        }
        using var file = new MemoryStream();
        try
        {
            var receipt = await ReportExports.ExportRefundsAsync(db, HttpContext.Actor(), FirstDay, LastDay, file, clock, HttpContext.RequestAborted);
            return File(file.ToArray(), "text/csv; charset=utf-8", receipt.FileName);
        }
        catch (AccessDeniedException ex)
        {
            HttpContext.Items[PermissionHandler.DeniedMessageKey] = ex.Message;
            return StatusCode(StatusCodes.Status403Forbidden);
        }
    }

    private bool Resolve()
    {
        var today = JapanTime.Today(clock);
        var errors = new List<string>();
        DateOnly Read(string? text, DateOnly fallback, string label)
        {
            if (string.IsNullOrWhiteSpace(text)) return fallback;
            if (ReportDates.Parse(text) is { } d) return d;
            errors.Add($"{label}「{text}」を読み取れません。2026-11-26 のように 年-月-日 で入力してください。");
            return fallback;
        }
        FirstDay = Read(From, new DateOnly(today.Year, today.Month, 1), "最初の日");
        LastDay = Read(To, today, "最後の日");
        if (errors.Count == 0 && LastDay < FirstDay)
        {
            errors.Add($"最後の日 {Formatting.Display.Date(LastDay)} が最初の日 {Formatting.Display.Date(FirstDay)} より前です。");
            (FirstDay, LastDay) = (new DateOnly(today.Year, today.Month, 1), today);
        }
        From = Formatting.Display.Date(FirstDay);
        To = Formatting.Display.Date(LastDay);
        Error = errors.Count == 0 ? null : string.Join(" ", errors);
        return errors.Count == 0;
    }
}
