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
using Microsoft.EntityFrameworkCore;

namespace Choshu.Web.Pages.Refunds;

/// <summary>
/// 還付の起案: for an open overpayment (a handle from the overpayment list), the taxpayer's refund claim: the day received,
/// the account named in it (bank, branch, type, number, holder in kana; validated with Japanese messages) or payment at
/// the counter, and the 支出決定日 proposed; <see cref="RefundDesk.DraftAsync"/> computes the refund interest to that day.
/// The taxpayer's registered direct-debit accounts (口座振替, in force) are offered too: one whose holder is the taxpayer may be
/// chosen as it is; one in another person's name only when the taxpayer asked for it (the box, recorded on the refund), which
/// <see cref="RefundDesk.DraftAsync"/> checks again. Needs <see cref="Permission.RecordPayments"/>.
/// </summary>
[RequirePermission(Permission.RecordPayments)]
public sealed class DraftModel(ChoshuDbContext db, Store store, TimeProvider clock, OpaqueIds ids) : PageModel
{
    /// <summary>The handle kind of a direct-debit account offered on this page.</summary>
    public const string DebitAccountHandle = "debit-account";

    /// <summary>A registered direct-debit account as the page offers it: whose name it is in decides whether the box is needed.</summary>
    public sealed record DebitChoice(string Handle, string TaxKind, string Bank, string Branch, string AccountType, string AccountNo, string Holder, bool HolderIsTaxpayer);

    [BindProperty] public string? DebitHandle { get; set; }
    public IReadOnlyList<DebitChoice> DebitAccounts { get; private set; } = [];
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
            long? debitId = null;
            if (Method == "debit")
            {
                if (!ids.TryUnprotect(DebitAccountHandle, DebitHandle, User.SessionIdOf(), out long chosen))
                {
                    Errors.Add("口座振替の登録口座を選んでください。");
                    return Page();
                }
                debitId = chosen;
            }
            Drafted = await new RefundDesk(store, clock, HttpContext.Actor()).DraftAsync(new RefundDraftRequest(Overpayment.Id, claimed!.Value, decision!.Value, method,
                debitId is null ? BankCode : null, BankName, debitId is null ? BranchCode : null, BranchName, debitId is null ? AccountType : null,
                debitId is null ? AccountNo : null, debitId is null ? Holder : null, debitId, ThirdParty, notified), HttpContext.RequestAborted);
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
        if (Overpayment is null) return;
        var today = JapanTime.Today(clock);
        var taxpayerKana = await db.Taxpayers.AsNoTracking().Where(t => t.Id == Overpayment.TaxpayerId).Select(t => t.Facts.NameKana).SingleAsync(HttpContext.RequestAborted);
        var accounts = await (from a in db.DirectDebitAccounts.AsNoTracking()
                              join k in db.TaxKinds on a.TaxKindCode equals k.Code
                              where a.TaxpayerId == Overpayment.TaxpayerId && a.StartsOn <= today && (a.EndsOn == null || a.EndsOn > today)
                              orderby a.Id
                              select new { a.Id, TaxKind = k.Name, a.BankCode, a.BranchCode, a.AccountType, a.AccountNo, a.HolderKana })
            .ToListAsync(HttpContext.RequestAborted);
        var session = User.SessionIdOf();
        DebitAccounts = accounts.Select(a => new DebitChoice(ids.Protect(DebitAccountHandle, a.Id, session), a.TaxKind, a.BankCode, a.BranchCode,
            Formats.Zengin.ZenginTransferAccount.AccountTypeName(a.AccountType), a.AccountNo, a.HolderKana, RefundDesk.SameHolder(a.HolderKana, taxpayerKana))).ToList();
    }
}
