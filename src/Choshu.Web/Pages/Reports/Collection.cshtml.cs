using System.Globalization;
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
/// 調定収納集計: for one fiscal year, per tax kind the current year (現年度) and the arrears (滞納繰越):
/// assessed, collected, refunded, written off, balance and collection rate (<see cref="CollectionReportQuery"/>,
/// principal only), with a chart of assessed against collected. The year and the as-of day come in the
/// query string (not personal data). The CSV download is an export, as on <see cref="DailyModel"/>.
/// </summary>
[RequirePermission(Permission.ViewReports)]
public sealed class CollectionModel(ChoshuDbContext db, TimeProvider clock) : PageModel
{
    /// <summary>年度 (e.g. 2026 = April 2026 to March 2027); the current one when absent.</summary>
    [BindProperty(SupportsGet = true)] public string? Year { get; set; }

    /// <summary>基準日 "YYYY-MM-DD": entries valued up to this day count. Default: today, or 31 March ending the year if that is earlier.</summary>
    [BindProperty(SupportsGet = true)] public string? AsOf { get; set; }

    public int FiscalYear { get; private set; }
    public DateOnly AsOfDay { get; private set; }
    public CollectionReport? Report { get; private set; }
    public BarChart? Chart { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync()
    {
        Resolve();
        await LoadAsync();
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
            var receipt = await ReportExports.ExportCollectionAsync(db, HttpContext.Actor(), FiscalYear, AsOfDay, file, clock, HttpContext.RequestAborted);
            return File(file.ToArray(), "text/csv; charset=utf-8", receipt.FileName);
        }
        catch (AccessDeniedException ex)
        {
            HttpContext.Items[PermissionHandler.DeniedMessageKey] = ex.Message;
            return StatusCode(StatusCodes.Status403Forbidden);
        }
    }

    private async Task LoadAsync()
    {
        Report = await CollectionReportQuery.LoadAsync(db, FiscalYear, AsOfDay, HttpContext.RequestAborted);
        Chart = new BarChart("collection-chart", $"{ReportDates.WarekiFiscalYear(FiscalYear)} 税目別の調定額と収入額",
            [new BarSeries("調定額", BarChart.Blue), new BarSeries("収入額", BarChart.Orange)],
            Report.Lines.Select(l => new BarRow(Label(l), [l.Assessed, l.Collected])).ToList());
    }

    /// <summary>"市民税・現年度".</summary>
    public static string Label(CollectionLine l) => $"{l.TaxKindName}・{ReportExports.BucketName(l.Bucket)}";

    /// <summary>"68.4%", or "—" when nothing was assessed.</summary>
    public static string RateText(decimal? rate) => rate is null ? "—" : ReportExports.Rate(rate) + "%";

    private bool Resolve()
    {
        var today = JapanTime.Today(clock);
        var ok = true;
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Year))
            FiscalYear = CollectionReportQuery.FiscalYearOf(today);
        else if (int.TryParse(Year.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1989 and <= 2200)
            FiscalYear = y;
        else
        {
            FiscalYear = CollectionReportQuery.FiscalYearOf(today);
            errors.Add($"年度「{Year}」を読み取れません。2026 のように西暦 4 桁で入力してください。");
            ok = false;
        }
        var yearEnd = new DateOnly(FiscalYear + 1, 3, 31);
        if (string.IsNullOrWhiteSpace(AsOf))
            AsOfDay = today < yearEnd ? today : yearEnd;
        else if (ReportDates.Parse(AsOf) is { } d)
            AsOfDay = d;
        else
        {
            AsOfDay = today < yearEnd ? today : yearEnd;
            errors.Add($"基準日「{AsOf}」を読み取れません。2026-11-26 のように 年-月-日 で入力してください。");
            ok = false;
        }
        if (ok && AsOfDay < new DateOnly(FiscalYear, 4, 1))
        {
            errors.Add($"基準日 {Formatting.Display.Date(AsOfDay)} は {FiscalYear} 年度の始まり（{FiscalYear}-04-01）より前です。年度の始まり以降の日を指定してください。");
            AsOfDay = today < yearEnd ? today : yearEnd;
            ok = false;
        }
        Year = FiscalYear.ToString(CultureInfo.InvariantCulture);
        AsOf = Formatting.Display.Date(AsOfDay);
        Error = errors.Count == 0 ? null : string.Join(" ", errors);
        return ok;
    }
}
