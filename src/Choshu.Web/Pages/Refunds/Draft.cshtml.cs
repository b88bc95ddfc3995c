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
/// 還付の起案: for an open overpayment (a handle from the overpayment list), the taxpayer's refund claim: the day received,
/// the account named in it (bank, branch, type, number, holder in kana; validated with Japanese messages) or payment at
/// the counter, and the 支出決定日 proposed; <see cref="RefundDesk.DraftAsync"/> computes the refund interest to that day.
/// Needs <see cref="Permission.RecordPayments"/>.
/// </summary>
[RequirePermission(Permission.RecordPayments)]
public sealed class DraftModel(ChoshuDbContext db, Store store, TimeProvider clock, OpaqueIds ids) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Handle { get; set; }
    [BindProperty] public string? ClaimedOn { get; set; }
    [BindProperty] public string? DecisionOn { get; set; }
    [BindProperty] public string Method { get; set; } = "transfer";
    [BindProperty] public string? BankCode { get; set; }
    [BindProperty] public string? BankName { get; set; }
    [BindProperty] public string? BranchCode { get; set; }
    [BindProperty] public string? BranchName { get; set; }
    [BindProperty] public short? AccountType { get; set; } = 1;
    [BindProperty] public string? AccountNo { get; set; }
    [BindProperty] public string? Holder { get; set; }
    [BindProperty] public bool ThirdParty { get; set; }
    [BindProperty] public string? NotifiedOn { get; set; }

    public OverpaymentRow? Overpayment { get; private set; }
    public RefundView? Drafted { get; private set; }
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
        var today = JapanTime.Today(clock);
        ClaimedOn ??= today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        DecisionOn ??= ClaimedOn;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            await LoadAsync();
            if (Overpayment is null) return Page();
            var claimed = PaymentForms.ParseDate(ClaimedOn, "還付請求日", out var e1);
            var decision = PaymentForms.ParseDate(DecisionOn, "支出決定予定日", out var e2);
            DateOnly? notified = null;
            string? e3 = null;
            if (!string.IsNullOrWhiteSpace(NotifiedOn)) notified = PaymentForms.ParseDate(NotifiedOn, "過誤納の通知日", out e3);
            foreach (var e in new[] { e1, e2, e3 }) if (e is not null) Errors.Add(e);
            if (Errors.Count > 0) return Page();
            var method = Method == "counter" ? RefundMethod.Counter : RefundMethod.Transfer;
            Drafted = await new RefundDesk(store, clock, HttpContext.Actor()).DraftAsync(new RefundDraftRequest(Overpayment.Id, claimed!.Value, decision!.Value, method,
                BankCode, BankName, BranchCode, BranchName, AccountType, AccountNo, Holder, null, ThirdParty, notified), HttpContext.RequestAborted);
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

    private async Task LoadAsync()
    {
        if (!ids.TryUnprotect(RefundPages.OverpaymentHandle, Handle, User.SessionIdOf(), out long id))
        {
            if (Handle is not null) Errors.Add("過誤納を特定できません。過誤納一覧から選び直してください。");
            return;
        }
        var all = await RefundLists.OverpaymentsAsync(db, HttpContext.Actor(), null, null, clock, HttpContext.RequestAborted);
        Overpayment = all.SingleOrDefault(o => o.Id == id);
    }
}
