using Choshu.App.Cases;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain.Security;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Cases;

/// <summary>
/// 差押の一覧 <c>/Cases/Seizures?days=N</c> (<see cref="Permission.ViewTaxpayer"/>): the seizures in force (送達待ち・執行中; those a hardship stay
/// requires released first) and the claims seizable but untouched for N days (0–3650, default 30). Each list is audited 3365.
/// </summary>
[RequirePermission(Permission.ViewTaxpayer)]
public sealed class SeizuresModel(ChoshuDbContext db, TimeProvider clock, OpaqueIds ids) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Days { get; set; }
    public IReadOnlyList<SeizureView> InForce { get; private set; } = [];
    public IReadOnlyList<UntouchedClaim> Untouched { get; private set; } = [];

    public string CaseHandle(long caseId) => FileModel.HandleFor(ids, caseId, User.SessionIdOf());

    public async Task<IActionResult> OnGetAsync()
    {
        Days = Math.Clamp(Days ?? 30, 0, 3650);
        try
        {
            var seizures = new Seizures(db, clock);
            InForce = await seizures.InForceAsync(HttpContext.Actor(), HttpContext.RequestAborted);
            Untouched = await seizures.UntouchedAsync(HttpContext.Actor(), Days.Value, HttpContext.RequestAborted);
        }
        catch (AccessDeniedException ex)
        {
            return CaseForms.Forbidden(this, ex);
        }
        return Page();
    }
}
