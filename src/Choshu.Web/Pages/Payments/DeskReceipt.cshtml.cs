using Choshu.App.Reconciliation;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain.Security;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Payments;

/// <summary>
/// 領収証書 of a receipt taken at <see cref="DeskModel"/>: the lines with their split, 合計・お預かり・おつり, 納付日 and 収入日 (和暦),
/// the city's name and seal area; read through <see cref="CounterReceipts.LoadAsync"/> (audited 2030). 「PDF で印刷」 draws it with the
/// form engine (<see cref="CounterReceipts.PrintAsync"/>, audited 3071); every print after the first says 再発行.
/// Addressed by the 領収番号 sealed to the session.
/// </summary>
[RequirePermission(Permission.RecordPayments)]
public sealed class DeskReceiptModel(ChoshuDbContext db, TimeProvider clock, OpaqueIds ids) : PageModel
{
    public CounterReceiptView Receipt { get; private set; } = null!;
    public string Handle { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string handle)
    {
        if (!ids.TryUnprotect(DeskModel.ReceiptNoHandle, handle, User.SessionIdOf(), out string? receiptNo)) return NotFound();
        try
        {
            if (await CounterReceipts.LoadAsync(db, HttpContext.Actor(), receiptNo!, "領収証書の表示", clock, HttpContext.RequestAborted) is not { } view) return NotFound();
            Receipt = view;
        }
        catch (AccessDeniedException ex)
        {
            return PaymentForms.Forbidden(this, ex);
        }
        Handle = handle;
        return Page();
    }

    public async Task<IActionResult> OnPostPdfAsync(string handle)
    {
        if (!ids.TryUnprotect(DeskModel.ReceiptNoHandle, handle, User.SessionIdOf(), out string? receiptNo)) return NotFound();
        using var pdf = new MemoryStream();
        try
        {
            if (await CounterReceipts.PrintAsync(db, HttpContext.Actor(), receiptNo!, pdf, clock, HttpContext.RequestAborted) is null) return NotFound();
        }
        catch (AccessDeniedException ex)
        {
            return PaymentForms.Forbidden(this, ex);
        }
        return File(pdf.ToArray(), "application/pdf", $"ryoshusho-{receiptNo}.pdf");
    }
}
