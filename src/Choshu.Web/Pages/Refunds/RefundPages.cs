using Choshu.App.Security;
using Choshu.Web.Pages.Payments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Refunds;

/// <summary>What the refund pages share: the handle kinds of their rows, and a refusal as the 403 page shows it.</summary>
public static class RefundPages
{
    public const string OverpaymentHandle = "overpayment";
    public const string RefundHandle = "refund";

    public static IActionResult Forbidden(PageModel page, AccessDeniedException ex) => PaymentForms.Forbidden(page, ex);
}
