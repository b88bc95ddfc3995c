using Choshu.App.Cases;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain.Security;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Cases;

/// <summary>担当者別の事案数 <c>/Cases/Officers</c> (<see cref="Permission.ViewTaxpayer"/>): every officer's open cases, amount and contacts (the supervisor's view).</summary>
[RequirePermission(Permission.ViewTaxpayer)]
public sealed class OfficersModel(ChoshuDbContext db, TimeProvider clock) : PageModel
{
    public IReadOnlyList<OfficerLoad> Loads { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        try
        {
            Loads = await new Worklists(db, clock).LoadsAsync(HttpContext.Actor(), HttpContext.RequestAborted);
        }
        catch (AccessDeniedException ex)
        {
            return CaseForms.Forbidden(this, ex);
        }
        return Page();
    }
}
