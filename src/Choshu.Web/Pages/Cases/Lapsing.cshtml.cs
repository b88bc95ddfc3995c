using Choshu.App.Cases;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain.Security;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Cases;

/// <summary>時効到来予定 <c>/Cases/Lapsing?months=N</c> (<see cref="Permission.ViewTaxpayer"/>): claims whose right to collect ends within N months (1–60, default 6), by officer.</summary>
[RequirePermission(Permission.ViewTaxpayer)]
public sealed class LapsingModel(ChoshuDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Months { get; set; }
    public IReadOnlyList<LapsingClaim> Claims { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        Months = Math.Clamp(Months ?? 6, 1, 60);
        try
        {
            Claims = await new Worklists(db, clock).LapsingAsync(HttpContext.Actor(), Months.Value, HttpContext.RequestAborted);
        }
        catch (AccessDeniedException ex)
        {
            return CaseForms.Forbidden(this, ex);
        }
        return Page();
    }
}
