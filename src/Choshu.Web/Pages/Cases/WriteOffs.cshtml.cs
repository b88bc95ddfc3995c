using Choshu.App.Cases;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Security;
using Choshu.Web.Pages.Payments;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace Choshu.Web.Pages.Cases;

/// <summary>
/// 不納欠損: the plan on a day (every claim whose right to collect has ended, with ground and date; <see cref="WriteOffs.PlanAsync"/>),
/// its approval (<see cref="WriteOffs.ApproveAsync"/>) and execution (<see cref="WriteOffs.ExecuteAsync"/>) by an approver
/// (<see cref="Permission.DecideCollectionMeasures"/>; anyone else gets the 403 page, audited), the approved plans, and what was
/// written off this fiscal year by tax kind and ground. Viewing needs <see cref="Permission.ViewReports"/>.
/// </summary>
[RequirePermission(Permission.ViewReports)]
public sealed class WriteOffsModel(ChoshuDbContext db, Store store, TimeProvider clock) : PageModel
{
    public sealed record PlanRow(long Id, DateOnly AsOf, string ApprovedBy, DateTime ApprovedAtUtc, int Lines, long Total);

    [BindProperty] public string? AsOf { get; set; }
    [BindProperty] public long? PlanId { get; set; }
    public WriteOffPlanView? Plan { get; private set; }
    public WriteOffRun? Executed { get; private set; }
    public IReadOnlyList<PlanRow> Plans { get; private set; } = [];
    public IReadOnlyList<WriteOffReportRow> Report { get; private set; } = [];
    public DateOnly FiscalYearStart { get; private set; }
    public List<string> Errors { get; } = [];

    public Task<IActionResult> OnGetAsync() => RunAsync(() => Task.CompletedTask);

    public Task<IActionResult> OnPostPlanAsync() => RunAsync(async () =>
    {
        if (Day() is { } day) Plan = await Service.PlanAsync(HttpContext.Actor(), day, HttpContext.RequestAborted);
    });

    public Task<IActionResult> OnPostApproveAsync() => RunAsync(async () =>
    {
        if (Day() is { } day) Plan = await Service.ApproveAsync(HttpContext.Actor(), day, "画面から承認", HttpContext.RequestAborted);
    });

    public Task<IActionResult> OnPostExecuteAsync() => RunAsync(async () =>
    {
        if (PlanId is not { } id) Errors.Add("執行する計画を選んでください。");
        else Executed = await Service.ExecuteAsync(HttpContext.Actor(), id, HttpContext.RequestAborted);
    });

    private WriteOffs Service => new(store, clock);

    private DateOnly? Day()
    {
        var d = PaymentForms.ParseDate(AsOf, "基準日", out var error);
        if (error is not null) Errors.Add(error);
        return d;
    }

    private async Task<IActionResult> RunAsync(Func<Task> work)
    {
        try
        {
            try
            {
                await work();
            }
            catch (DomainException ex) when (ex is not AccessDeniedException)
            {
                Errors.Add(ex.Message);
            }
            await LoadAsync();
        }
        catch (AccessDeniedException ex)
        {
            return PaymentForms.Forbidden(this, ex);
        }
        return Page();
    }

    private async Task LoadAsync()
    {
        var today = JapanTime.Today(clock);
        AsOf ??= today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Plans = (await db.WriteOffPlans.AsNoTracking().OrderByDescending(p => p.Id).Take(20).ToListAsync(HttpContext.RequestAborted))
            .Select(p => new PlanRow(p.Id, p.AsOf, p.ApprovedBy, p.ApprovedAtUtc, p.LineCount, p.Total)).ToList();
        FiscalYearStart = new DateOnly(today.Month >= 4 ? today.Year : today.Year - 1, 4, 1);
        Report = await Service.ReportAsync(HttpContext.Actor(), FiscalYearStart, today, HttpContext.RequestAborted);
    }
}
