using Choshu.App.Refunds;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Refunds;
using Choshu.Domain.Security;
using Choshu.Web.Pages.Payments;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Refunds;

/// <summary>
/// 還付の取下げ・窓口払: the refunds awaiting decision, each of which a 収納担当 may withdraw with a reason
/// (<see cref="RefundDesk.WithdrawAsync"/>: the overpayment is open again), and the decided refunds to be paid at the counter,
/// whose payment is recorded with the day and what the clerk checked (送金通知書, the person who received it;
/// <see cref="RefundDesk.PayAtCounterAsync(long, DateOnly, string?, CancellationToken)"/>: never twice, never before the
/// 支出決定日). Both audited by the use case (3052, 3053) and person-bound as the CLI's <c>--operator</c>. Needs
/// <see cref="Permission.RecordPayments"/>.
/// </summary>
[RequirePermission(Permission.RecordPayments)]
public sealed class ManageModel(ChoshuDbContext db, Store store, TimeProvider clock, OpaqueIds ids) : PageModel
{
    public sealed record Row(RefundView Refund, string Handle);

    [BindProperty] public string? Handle { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? PaidOn { get; set; }
    public IReadOnlyList<Row> Pending { get; private set; } = [];
    public IReadOnlyList<Row> Counter { get; private set; } = [];
    public string? Done { get; private set; }
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

    public Task<IActionResult> OnPostWithdrawAsync() => ActAsync(async (desk, id) =>
    {
        if (string.IsNullOrWhiteSpace(Reason)) { Errors.Add("取下げの理由を入力してください。"); return; }
        var r = await desk.WithdrawAsync(id, Reason, HttpContext.RequestAborted);
        Done = $"還付 {r.Id}（{r.TaxpayerNo} {r.Name}）の起案を取り下げました。過誤納 {r.OverpaymentId} は未処理に戻りました。";
    });

    public Task<IActionResult> OnPostPayAsync() => ActAsync(async (desk, id) =>
    {
        var on = PaymentForms.ParseDate(PaidOn, "支払日", out var error);
        if (error is not null) { Errors.Add(error); return; }
        if (string.IsNullOrWhiteSpace(Reason)) { Errors.Add("受領の確認（送金通知書の番号、受領者と本人確認の方法など）を入力してください。"); return; }
        var r = await desk.PayAtCounterAsync(id, on!.Value, Reason, HttpContext.RequestAborted);
        Done = $"還付 {r.Id}（{r.TaxpayerNo} {r.Name}）を {Formatting.Display.Date(r.PaidOn)} に窓口で支払いました: {Formatting.Display.Yen(r.Total)}。";
    });

    private async Task<IActionResult> ActAsync(Func<RefundDesk, long, Task> act)
    {
        try
        {
            if (!ids.TryUnprotect(RefundPages.RefundHandle, Handle, User.SessionIdOf(), out long id))
                Errors.Add("還付を特定できません。一覧から選び直してください。");
            else
                await act(new RefundDesk(store, clock, HttpContext.Actor()), id);
            if (Done is not null) Reason = null;
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
        Counter = all.Where(r => r.DecidedOn is not null && r.PaidOn is null && !r.Withdrawn && r.Method == RefundMethod.Counter)
            .Select(r => new Row(r, ids.Protect(RefundPages.RefundHandle, r.Id, session))).ToList();
        PaidOn ??= JapanTime.Today(clock).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    }
}
