using Choshu.App.Reconciliation;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Reconciliation;
using Choshu.Domain.Security;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Payments;

/// <summary>
/// 収納取消: undoes a booking (a payment matched to the wrong installment, a counter entry typed wrong) by
/// <see cref="PaymentCorrections.ReverseAsync"/> (audited 3006), as <c>choshu payment reverse</c> does: linked
/// reversal entries are appended, the payment returns to the unmatched queue, later payments on the same
/// installment are booked again. A reason is required and a confirm step shows what will be undone.
/// The payment is found from its installment (通知書番号 and 期別; <see cref="PaymentDesk.InstallmentPaymentsAsync"/>,
/// audited 2001) or opened from a receipt; it is addressed by a handle valid in this session only.
/// Needs <see cref="Permission.ReversePayments"/>.
/// </summary>
[RequirePermission(Permission.ReversePayments)]
public sealed class ReverseModel(ChoshuDbContext db, Store store, TimeProvider clock, OpaqueIds ids) : PageModel
{
    public const int MaxReason = 500;

    [BindProperty] public string? NoticeNo { get; set; }
    [BindProperty] public string? Period { get; set; }
    [BindProperty] public string? TaxKind { get; set; }
    [BindProperty] public string? FiscalYear { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public sealed record Row(PaymentDetails Payment, string Handle);

    /// <summary>Null while searching for the payment by installment.</summary>
    public PaymentDetails? Payment { get; private set; }
    public string? Handle { get; private set; }
    public InstallmentQuote? Installment { get; private set; }
    public IReadOnlyList<Row>? Found { get; private set; }
    public bool Confirming { get; private set; }
    public PaymentCorrections.ReverseResult? Done { get; private set; }
    public List<string> Errors { get; } = [];
    public InstallmentFieldValues Fields => new(NoticeNo, Period, TaxKind, FiscalYear, "", Errors.Count > 0);

    public async Task<IActionResult> OnGetAsync(string? handle) =>
        handle is null ? Page() : await LoadAsync(handle, "収納取消の対象の表示") ?? Page();

    public async Task<IActionResult> OnPostFindAsync()
    {
        var query = PaymentForms.ParseInstallment(NoticeNo, Period, TaxKind, FiscalYear, Errors);
        if (query is null) return Page();
        try
        {
            var (quote, payments) = await PaymentDesk.InstallmentPaymentsAsync(db, HttpContext.Actor(), query, clock, HttpContext.RequestAborted);
            Installment = quote;
            var session = User.SessionIdOf();
            Found = payments.Select(p => new Row(p, ids.Protect(PaymentForms.PaymentHandle, p.Id, session))).ToList();
        }
        catch (AccessDeniedException ex)
        {
            return PaymentForms.Forbidden(this, ex);
        }
        catch (DomainException ex)
        {
            Errors.Add(PaymentForms.LookupMessage(ex));
        }
        return Page();
    }

    public async Task<IActionResult> OnPostConfirmAsync(string handle)
    {
        if (await LoadAsync(handle, "収納取消の対象の表示") is { } stop) return stop;
        Confirming = CheckReason() && Payment!.Status == PaymentStatus.Booked;
        return Page();
    }

    public async Task<IActionResult> OnPostReverseAsync(string handle)
    {
        if (!ids.TryUnprotect(PaymentForms.PaymentHandle, handle, User.SessionIdOf(), out long id)) return NotFound();
        if (CheckReason())
        {
            try
            {
                Done = await new PaymentCorrections(store, clock, HttpContext.Actor()).ReverseAsync(id, Reason!.Trim(), HttpContext.RequestAborted);
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
        return await LoadAsync(handle, Done is null ? "収納取消の対象の表示" : "収納取消の結果の表示") ?? Page();
    }

    private bool CheckReason()
    {
        if (string.IsNullOrWhiteSpace(Reason)) Errors.Add("取消の理由を入力してください（例: 通知書番号の入力誤り）。理由は記録に残ります。");
        else if (Reason.Trim().Length > MaxReason) Errors.Add($"取消の理由は {MaxReason} 文字までで入力してください。");
        return Errors.Count == 0;
    }

    private async Task<IActionResult?> LoadAsync(string handle, string purpose)
    {
        if (!ids.TryUnprotect(PaymentForms.PaymentHandle, handle, User.SessionIdOf(), out long id)) return NotFound();
        PaymentDetails? details;
        try
        {
            details = await PaymentDesk.PaymentAsync(db, HttpContext.Actor(), Permission.ReversePayments, id, purpose, clock, HttpContext.RequestAborted);
        }
        catch (AccessDeniedException ex)
        {
            return PaymentForms.Forbidden(this, ex);
        }
        if (details is null) return NotFound();
        Payment = details;
        Handle = handle;
        return null;
    }
}
