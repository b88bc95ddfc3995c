using Choshu.App.Cases;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Security;
using Choshu.Web.Pages.Payments;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Cases;

/// <summary>
/// 回答期限超過 <c>/Cases/InquiriesOverdue?asOf=YYYY-MM-DD</c> (<see cref="Permission.ViewTaxpayer"/>): inquiries sent and unanswered whose
/// answer due date is before the day (default today), oldest due first, each linking to its case file; the read audited 3345.
/// </summary>
[RequirePermission(Permission.ViewTaxpayer)]
public sealed class InquiriesOverdueModel(ChoshuDbContext db, TimeProvider clock, OpaqueIds ids) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? AsOfText { get; set; }
    public DateOnly AsOf { get; private set; }
    public IReadOnlyList<InquiryLine> Lines { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        AsOf = JapanTime.Today(clock);
        if (!string.IsNullOrWhiteSpace(AsOfText))
        {
            var d = PaymentForms.ParseDate(AsOfText, "基準日", out var error);
            if (error is null && d is { } day) AsOf = day;
            else Error = error;
        }
        try
        {
            Lines = await new Inquiries(db, clock).OverdueAsync(HttpContext.Actor(), AsOf, HttpContext.RequestAborted);
        }
        catch (AccessDeniedException ex)
        {
            return CaseForms.Forbidden(this, ex);
        }
        return Page();
    }

    public string CaseHandle(long caseId) => FileModel.HandleFor(ids, caseId, User.SessionIdOf());
}
