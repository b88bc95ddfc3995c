using Choshu.App.Reports;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain.Calendar;
using Choshu.Domain.Security;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Choshu.Domain.Labels;

namespace Choshu.Web.Pages.Reports;

/// <summary>
/// 収納日計表: the money received (収入日) on one day by channel and tax kind, booked (消込済) with its
/// split into principal, fees, late fee and overpaid, then 速報 still pending and 未消込 payments
/// (<see cref="DailyReportQuery"/>), with a bar chart. The day comes in the query string (a date is not
/// personal data); the figures are totals, not about one person, but the list of late entries (うち後日入力)
/// names notices by 通知書番号・期別, so showing it is recorded as a read of each listed taxpayer (2001,
/// <see cref="DailyReportQuery.AuditLateEntriesAsync"/>); a day without late entries writes no audit record. The CSV download is an export: POST, <see cref="Permission.ExportData"/> as well, through
/// <see cref="ReportExports"/> (data_releases + audit 4000); refused with 403 and audited otherwise.
/// </summary>
[RequirePermission(Permission.ViewReports)]
public sealed class DailyModel(ChoshuDbContext db, TimeProvider clock) : PageModel
{
    /// <summary>収入日, "YYYY-MM-DD"; today when absent.</summary>
    [BindProperty(SupportsGet = true)] public string? Date { get; set; }

    public DateOnly Day { get; private set; }
    public DailyReport? Report { get; private set; }
    public BarChart? Chart { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync()
    {
        Resolve();
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        Report = await DailyReportQuery.LoadAsync(db, Day, HttpContext.RequestAborted);
        await DailyReportQuery.AuditLateEntriesAsync(db, HttpContext.Actor(), Report, "収納日計表", clock, HttpContext.RequestAborted);
        Chart = new BarChart("daily-chart", $"{DayText(Day)} 収入区分・税目別の収納額（消込済）",
            [new BarSeries("収納額", BarChart.Blue)],
            Report.Booked.Select(l => new BarRow(Label(l), [l.Amount])).ToList());
    }

    public async Task<IActionResult> OnPostCsvAsync()
    {
        if (!Resolve())
        {
            await LoadAsync();
            return Page();
        }
        using var file = new MemoryStream();
        try
        {
            var receipt = await ReportExports.ExportDailyAsync(db, HttpContext.Actor(), Day, file, clock, HttpContext.RequestAborted);
            return File(file.ToArray(), "text/csv; charset=utf-8", receipt.FileName);
        }
        catch (AccessDeniedException ex)
        {
            HttpContext.Items[PermissionHandler.DeniedMessageKey] = ex.Message;
            return StatusCode(StatusCodes.Status403Forbidden);
        }
    }

    /// <summary>"金融機関・市民税".</summary>
    public static string Label(DailyLine l) => $"{ChannelName(l)}・{l.TaxKindName}";

    public static string ChannelName(DailyLine l) => l.Channel is { } c ? JapaneseLabels.Of(c) : "";

    public static string DayText(DateOnly d) => $"{Formatting.Display.WarekiDate(d)}（{Formatting.Display.Date(d)}）";

    private bool Resolve()
    {
        if (string.IsNullOrWhiteSpace(Date))
        {
            Day = JapanTime.Today(clock);
            Date = Formatting.Display.Date(Day);
            return true;
        }
        if (ReportDates.Parse(Date) is { } d)
        {
            Day = d;
            return true;
        }
        Day = JapanTime.Today(clock);
        Error = $"収入日「{Date}」を読み取れません。日付は 2026-11-26 のように 年-月-日 で入力してください。";
        Date = Formatting.Display.Date(Day);
        return false;
    }
}
