using System.Globalization;
using Choshu.App.Books;
using Choshu.App.Security;
using Choshu.App.Stores;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Security;
using Choshu.Web.Pages.Payments;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Reports;

/// <summary>
/// 出納閉鎖と滞納繰越 (issue 17): the carry-forward report of a closed year (<see cref="CarryForwards.ReportAsync"/>, totals only, no
/// taxpayer: viewing is not audited), and for an approver (<see cref="Permission.CloseFiscalYear"/>, checked by the use case,
/// audited 3480/3481) the step itself and its reversal with a reason. The CSV is written by the CLI (<c>choshu fiscal-year report --csv</c>).
/// </summary>
[RequirePermission(Permission.ViewReports)]
public sealed class CarryForwardModel(ChoshuDbContext db, Store store, TimeProvider clock) : PageModel
{
    /// <summary>締める会計年度; default: the year before today's.</summary>
    [BindProperty(SupportsGet = true)] public string? Year { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public int FiscalYear { get; private set; }
    public CarryForwardReport Report { get; private set; } = null!;
    public List<string> Errors { get; } = [];
    public string? Done { get; private set; }

    public async Task OnGetAsync()
    {
        Resolve();
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostRunAsync() => await ActAsync(async () =>
    {
        var r = await CarryForwards.RunAsync(store, HttpContext.Actor(), FiscalYear, clock, HttpContext.RequestAborted);
        Done = r.AlreadyRecorded
            ? $"{FiscalYear} 年度の滞納繰越は記録済みです（{r.Step.RecordedBy}）。何も変更していません。"
            : $"{FiscalYear} 年度を締め、収入未済額 {r.Step.Unpaid.ToString("#,0", CultureInfo.InvariantCulture)} 円を {FiscalYear + 1} 年度の滞納繰越分へ繰り越しました。";
    });

    public async Task<IActionResult> OnPostReverseAsync() => await ActAsync(async () =>
    {
        await CarryForwards.ReverseAsync(store, HttpContext.Actor(), FiscalYear, Reason ?? "", clock, HttpContext.RequestAborted);
        Done = $"{FiscalYear} 年度の滞納繰越を取り消しました。";
        Reason = null;
    });

    private async Task<IActionResult> ActAsync(Func<Task> act)
    {
        if (Resolve())
        {
            try
            {
                await act();
            }
            catch (AccessDeniedException ex)
            {
                return PaymentForms.Forbidden(this, ex);
            }
            catch (DomainException ex)
            {
                Errors.Add(ex.Message);
            }
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync() => Report = await CarryForwards.ReportAsync(db, FiscalYear, HttpContext.RequestAborted);

    private bool Resolve()
    {
        var fallback = FiscalYears.CalendarYearOf(JapanTime.Today(clock)) - 1;
        if (string.IsNullOrWhiteSpace(Year))
        {
            FiscalYear = fallback;
            Year = FiscalYear.ToString(CultureInfo.InvariantCulture);
            return true;
        }
        if (int.TryParse(Year.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var y) && DateBounds.ContainsFiscalYear(y) && DateBounds.ContainsFiscalYear(y + 1))
        {
            FiscalYear = y;
            return true;
        }
        Errors.Add($"会計年度「{Year}」を読み取れません。2025 のように西暦4桁で入力してください。");
        FiscalYear = fallback;
        Year = FiscalYear.ToString(CultureInfo.InvariantCulture);
        return false;
    }
}
