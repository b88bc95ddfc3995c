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
/// 還付の決定: the refunds awaiting decision and the recent decisions; an approver decides one on the 支出決定日
/// (<see cref="RefundDesk.DecideAsync"/>: the refund interest is fixed to that day and the refund booked). The drafter is
/// refused (maker-checker; the refusal is a 403 with its Japanese reason, audited). Needs <see cref="Permission.DecideRefunds"/>.
/// </summary>
[RequirePermission(Permission.DecideRefunds)]
public sealed class ApproveModel(ChoshuDbContext db, Store store, TimeProvider clock, OpaqueIds ids) : PageModel
{
    public sealed record Row(RefundView Refund, string Handle);

    [BindProperty] public string? Handle { get; set; }
    [BindProperty] public string? DecidedOn { get; set; }
    public IReadOnlyList<Row> Pending { get; private set; } = [];
    public IReadOnlyList<RefundView> Decided { get; private set; } = [];
    public RefundView? Done { get; private set; }
    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        try
        {
            await LoadAsync();
        }
        catch (AccessDeniedException ex)
        {
            return RefundPages.Forbidden(this, ex);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostDecideAsync()
    {
        try
        {
            if (!ids.TryUnprotect(RefundPages.RefundHandle, Handle, User.SessionIdOf(), out long id))
                Errors.Add("還付を特定できません。一覧から選び直してください。");
            else
            {
                var on = PaymentForms.ParseDate(DecidedOn, "支出決定日", out var error);
                if (error is not null) Errors.Add(error);
                else Done = await new RefundDesk(store, clock, HttpContext.Actor()).DecideAsync(id, on!.Value, HttpContext.RequestAborted);
            }
            await LoadAsync();
        }
        catch (AccessDeniedException ex)
        {
            return RefundPages.Forbidden(this, ex);
        }
        catch (DomainException ex)
        {
            Errors.Add(ex.Message);
            await LoadAsync();
        }
        return Page();
    }

    private async Task LoadAsync()
    {
        var all = await RefundLists.RefundsAsync(db, HttpContext.Actor(), null, clock, HttpContext.RequestAborted);
        var session = User.SessionIdOf();
        Pending = all.Where(r => r.DecidedOn is null && !r.Withdrawn).Select(r => new Row(r, ids.Protect(RefundPages.RefundHandle, r.Id, session))).ToList();
        Decided = all.Where(r => r.DecidedOn is not null).OrderByDescending(r => r.Id).Take(50).ToList();
        DecidedOn ??= JapanTime.Today(clock).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }
}
