using Choshu.App.Reconciliation;
using Choshu.App.Reports;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Security;
using Choshu.Web.Pages.Reports;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Payments;

/// <summary>
/// 日計締め: the 収納日計表 totals of one 収入日 and whether the day is closed. A 収納担当 closes it after checking the report
/// (<see cref="BusinessDays.CloseAsync"/>, audited 3072): its figures are stored and never change. An approver reopens a closed
/// day with a reason (<see cref="BusinessDays.ReopenAsync"/>, audited 3073). The rights are checked by the use cases.
/// </summary>
[RequirePermission(Permission.ViewReports)]
public sealed class DayModel(ChoshuDbContext db, Store store, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Date { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public DateOnly Day { get; private set; }
    public DailyReport Report { get; private set; } = null!;
    public BusinessDayStatus Status { get; private set; } = null!;
    public List<string> Errors { get; } = [];
    public string? Done { get; private set; }

    public async Task OnGetAsync()
    {
        Resolve();
        await LoadAsync();
    }

    public async Task<IActionResult> OnPostCloseAsync()
    {
        if (Resolve())
        {
            try
            {
                await BusinessDays.CloseAsync(store, HttpContext.Actor(), Day, clock, HttpContext.RequestAborted);
                Done = $"収入日 {DailyModel.DayText(Day)} の日計を締めました。以後この日の収納日計表は変わりません。";
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

    public async Task<IActionResult> OnPostReopenAsync()
    {
        if (Resolve())
        {
            try
            {
                await BusinessDays.ReopenAsync(store, HttpContext.Actor(), Day, Reason ?? "", clock, HttpContext.RequestAborted);
                Done = $"収入日 {DailyModel.DayText(Day)} の日計締めを解除しました。";
                Reason = null;
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

    private async Task LoadAsync()
    {
        Report = await DailyReportQuery.LoadAsync(db, Day, HttpContext.RequestAborted);
        Status = await BusinessDays.StatusAsync(db, Day, HttpContext.RequestAborted);
    }

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
        Errors.Add($"収入日「{Date}」を読み取れません。日付は 2026-11-26 のように 年-月-日 で入力してください。");
        Day = JapanTime.Today(clock);
        Date = Formatting.Display.Date(Day);
        return false;
    }
}
