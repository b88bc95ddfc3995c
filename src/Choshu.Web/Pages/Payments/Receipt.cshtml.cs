using Choshu.App.Reconciliation;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain.Calendar;
using Choshu.Domain.Reconciliation;
using Choshu.Domain.Security;
using Choshu.Web.Formatting;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Payments;

/// <summary>
/// 領収証書: the receipt of a counter payment, laid out as paper (和暦 dates, yen with separators, the
/// 領収番号 and the staff member who took the money) and printable (the page's print style hides the
/// menu and the buttons). Addressed by the payment's handle (<see cref="OpaqueIds"/>, this session only).
/// Reading it names the taxpayer, so it goes through <see cref="PaymentDesk.PaymentAsync"/> (audited 2001).
/// </summary>
[RequirePermission(Permission.RecordPayments)]
public sealed class ReceiptModel(ChoshuDbContext db, TimeProvider clock, OpaqueIds ids) : PageModel
{
    /// <summary>The <c>notice</c> switch in the query string after a form was sent again: nothing new was booked.</summary>
    public const string DuplicateNotice = "duplicate";

    public PaymentDetails Payment { get; private set; } = null!;
    public string Handle { get; private set; } = "";
    public bool Duplicate { get; private set; }

    /// <summary>When the payment was recorded, in Japan time with a 和暦 date: "令和8年11月26日 12:00".</summary>
    public string RecordedAt
    {
        get
        {
            var japan = new DateTimeOffset(DateTime.SpecifyKind(Payment.RecordedAtUtc, DateTimeKind.Utc)).ToOffset(JapanTime.Offset);
            return Display.WarekiDate(DateOnly.FromDateTime(japan.DateTime)) + japan.ToString(" HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public async Task<IActionResult> OnGetAsync(string handle, string? notice)
    {
        if (!ids.TryUnprotect(PaymentForms.PaymentHandle, handle, User.SessionIdOf(), out long id)) return NotFound();
        PaymentDetails? details;
        try
        {
            details = await PaymentDesk.PaymentAsync(db, HttpContext.Actor(), Permission.RecordPayments, id, "領収証書の表示", clock, HttpContext.RequestAborted);
        }
        catch (AccessDeniedException ex)
        {
            return PaymentForms.Forbidden(this, ex);
        }
        if (details is null || details.Channel != PaymentChannel.Counter)
            return NotFound();
        Payment = details;
        Handle = handle;
        Duplicate = notice == DuplicateNotice;
        return Page();
    }
}
