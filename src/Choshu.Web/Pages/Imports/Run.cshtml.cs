using Choshu.App.Imports;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain.Security;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Imports;

/// <summary>
/// One payment import run (<see cref="PaymentImportHistory.RunAsync"/>): the file (name, size, encoding, full
/// SHA-256), who ran it and when, the run's counts, the file's payments by where they stand now, and every
/// quarantined line of the file as <c>file:line 項目: 理由</c> (never its contents). Addressed by a handle valid
/// in this session only; needs <see cref="Permission.RecordPayments"/>.
/// </summary>
[RequirePermission(Permission.RecordPayments)]
public sealed class RunModel(ChoshuDbContext db, TimeProvider clock, OpaqueIds ids) : PageModel
{
    public ImportRunDetails Details { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string handle)
    {
        if (!ids.TryUnprotect(ImportNames.RunHandle, handle, User.SessionIdOf(), out long runId)) return NotFound();
        ImportRunDetails? details;
        try
        {
            details = await PaymentImportHistory.RunAsync(db, HttpContext.Actor(), runId, clock, HttpContext.RequestAborted);
        }
        catch (AccessDeniedException ex)
        {
            HttpContext.Items[PermissionHandler.DeniedMessageKey] = ex.Message;
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        if (details is null) return NotFound();
        Details = details;
        return Page();
    }
}
