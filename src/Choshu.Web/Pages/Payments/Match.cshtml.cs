using Choshu.App.Assessments;
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
/// 手動消込: one unmatched payment (its raw record, My Numbers masked) is matched by hand to the installment
/// the clerk names by 通知書番号 and 期別. A confirm step shows the target (taxpayer, installment, what it
/// owes as of the payment's 納付日, as the booking will allocate it; <see cref="PaymentDesk.QuoteAsync"/>, audited 2001) before <see cref="PaymentCorrections.MatchAsync"/>
/// books it (audited 3005), as <c>choshu unmatched match</c> does. Sending the last step twice books once:
/// the second finds the payment no longer unmatched and says so.
/// </summary>
[RequirePermission(Permission.RecordPayments)]
public sealed class MatchModel(ChoshuDbContext db, Store store, TimeProvider clock, OpaqueIds ids) : PageModel
{
    public const int MaxComment = 200;

    [BindProperty] public string? NoticeNo { get; set; }
    [BindProperty] public string? Period { get; set; }
    [BindProperty] public string? TaxKind { get; set; }
    [BindProperty] public string? FiscalYear { get; set; }
    [BindProperty] public string? Comment { get; set; }

    public PaymentDetails Payment { get; private set; } = null!;
    public InstallmentQuote? Target { get; private set; }
    public PaymentCorrections.MatchResult? Done { get; private set; }
    public List<string> Errors { get; } = [];
    public InstallmentFieldValues Fields => new(NoticeNo, Period, TaxKind, FiscalYear, "", Errors.Count > 0);
    public string Handle { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string handle) =>
        await LoadAsync(handle, "手動消込の対象の表示") ?? Page();

    public async Task<IActionResult> OnPostConfirmAsync(string handle)
    {
        if (await LoadAsync(handle, "手動消込の対象の表示") is { } stop) return stop;
        var query = Parse();
        if (query is null || Payment.Status != PaymentStatus.Unmatched) return Page();
        try
        {
            Target = await PaymentDesk.QuoteAsync(db, HttpContext.Actor(), query, Payment.PaidOn, "手動消込の消込先の確認", clock, HttpContext.RequestAborted);
        }
        catch (DomainException ex)
        {
            Errors.Add(PaymentForms.LookupMessage(ex));
        }
        return Page();
    }

    public async Task<IActionResult> OnPostMatchAsync(string handle)
    {
        if (!ids.TryUnprotect(PaymentForms.PaymentHandle, handle, User.SessionIdOf(), out long id)) return NotFound();
        var query = Parse();
        if (query is not null)
        {
            try
            {
                var found = await InstallmentFinder.FindAsync(db, query.NoticeNo, query.Period, query.TaxKindCode, query.FiscalYear, HttpContext.RequestAborted);
                Done = await new PaymentCorrections(store, clock, HttpContext.Actor()).MatchAsync(id, found.InstallmentId,
                    string.IsNullOrWhiteSpace(Comment) ? null : Comment.Trim(), HttpContext.RequestAborted);
            }
            catch (AccessDeniedException ex)
            {
                return PaymentForms.Forbidden(this, ex);
            }
            catch (DomainException ex)
            {
                Errors.Add(ex.Code.StartsWith("installment.", StringComparison.Ordinal) ? PaymentForms.LookupMessage(ex) : ex.Message);
            }
        }
        return await LoadAsync(handle, Done is null ? "手動消込の対象の表示" : "手動消込の結果の表示") ?? Page();
    }

    private InstallmentQuery? Parse()
    {
        var query = PaymentForms.ParseInstallment(NoticeNo, Period, TaxKind, FiscalYear, Errors);
        if (Comment is { Length: > MaxComment }) Errors.Add($"補足は {MaxComment} 文字までで入力してください。");
        return Errors.Count > 0 ? null : query;
    }

    /// <summary>The payment behind the handle (audited read); a result to return instead of the page when there is none.</summary>
    private async Task<IActionResult?> LoadAsync(string handle, string purpose)
    {
        if (!ids.TryUnprotect(PaymentForms.PaymentHandle, handle, User.SessionIdOf(), out long id)) return NotFound();
        PaymentDetails? details;
        try
        {
            details = await PaymentDesk.PaymentAsync(db, HttpContext.Actor(), Permission.RecordPayments, id, purpose, clock, HttpContext.RequestAborted);
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
