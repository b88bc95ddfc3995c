using Choshu.App.Reconciliation;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain.Security;
using Choshu.Formats.Csv;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Payments;

/// <summary>
/// 未消込一覧: payments that matched no installment (a wrong or unreadable key, a reversed booking), with
/// their raw records as received, My Numbers masked. Read through <see cref="UnmatchedPayments.ListAsync"/>
/// (audited 2004); each row leads to the manual match (<c>/Payments/Match/{handle}</c>).
/// </summary>
[RequirePermission(Permission.RecordPayments)]
public sealed class UnmatchedModel(ChoshuDbContext db, TimeProvider clock, OpaqueIds ids) : PageModel
{
    /// <summary>Rows shown at once, oldest 収入日 first (the whole queue is counted and totalled).</summary>
    public const int MaxShown = 200;

    public sealed record Row(UnmatchedPayment Payment, string Raw, string Handle);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public long TotalAmount { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        IReadOnlyList<UnmatchedPayment> all;
        try
        {
            all = await UnmatchedPayments.ListAsync(db, HttpContext.Actor(), clock, HttpContext.RequestAborted);
        }
        catch (AccessDeniedException ex)
        {
            return PaymentForms.Forbidden(this, ex);
        }
        Total = all.Count;
        TotalAmount = all.Sum(p => p.Amount);
        var session = User.SessionIdOf();
        Rows = all.Take(MaxShown).Select(p => new Row(p, MyNumberMask.Apply(p.Raw), ids.Protect(PaymentForms.PaymentHandle, p.Id, session))).ToList();
        return Page();
    }
}
