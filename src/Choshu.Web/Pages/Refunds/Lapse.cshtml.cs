using Choshu.App.Refunds;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Security;
using Choshu.Web.Pages.Payments;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Refunds;

/// <summary>
/// 還付請求権の時効 (地方税法18条の3): "一覧" lists, as of a day, every overpayment with a balance whose refund claim lapsed (5 years
/// after it arose) and no refund pending (an audited read, as the CLI's <c>refund lapse --dry-run</c>); "時効として整理" closes them
/// with the reason staff give (<see cref="RefundDesk.LapseAsync(DateOnly, bool, string?, CancellationToken)"/>: a WriteOff entry on each
/// overpayment account, audited 3054 each, once: the same overpayment is never closed twice). Needs <see cref="Permission.RecordPayments"/>.
/// </summary>
[RequirePermission(Permission.RecordPayments)]
public sealed class LapseModel(Store store, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? AsOf { get; set; }
    [BindProperty] public string? Reason { get; set; }
    public IReadOnlyList<OverpaymentRow>? Rows { get; private set; }
    public IReadOnlyList<OverpaymentRow>? Lapsed { get; private set; }
    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        AsOf ??= JapanTime.Today(clock).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        if (!Request.Query.ContainsKey("asOf")) return Page();
        return await RunAsync(dryRun: true);
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (string.IsNullOrWhiteSpace(Reason))
        {
            Errors.Add("時効として整理する理由（還付請求の有無の確認など）を入力してください。");
            return await RunAsync(dryRun: true);
        }
        return await RunAsync(dryRun: false);
    }

    private async Task<IActionResult> RunAsync(bool dryRun)
    {
        try
        {
            var on = PaymentForms.ParseDate(AsOf, "基準日", out var error);
            if (error is not null)
            {
                Errors.Add(error);
                return Page();
            }
            var desk = new RefundDesk(store, clock, HttpContext.Actor());
            if (dryRun) Rows = await desk.LapseAsync(on!.Value, true, HttpContext.RequestAborted);
            else
            {
                Lapsed = await desk.LapseAsync(on!.Value, false, Reason, HttpContext.RequestAborted);
                Reason = null;
            }
        }
        catch (AccessDeniedException ex)
        {
            return RefundPages.Forbidden(this, ex);
        }
        catch (DomainException ex)
        {
            Errors.Add(ex.Message);
        }
        return Page();
    }
}
