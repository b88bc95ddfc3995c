using Choshu.App.Imports;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain.Security;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Imports;

/// <summary>
/// 取込履歴: every run of a payment import, newest first, 50 to a page (<c>?p=2</c>: a page number is not
/// personal data): when, the file's name and SHA-256 (first 12 digits), the format, who ran it, and the
/// counts. Each run opens its details (<c>/Imports/Run/{handle}</c>). Reads no personal data
/// (<see cref="PaymentImportHistory"/>); needs <see cref="Permission.RecordPayments"/>.
/// </summary>
[RequirePermission(Permission.RecordPayments)]
public sealed class HistoryModel(ChoshuDbContext db, TimeProvider clock, OpaqueIds ids) : PageModel
{
    public sealed record Row(ImportRunLine Run, string Handle);

    public ImportHistoryPage History { get; private set; } = new([], 1, PaymentImportHistory.DefaultPageSize, 0);
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? p)
    {
        try
        {
            History = await PaymentImportHistory.ListAsync(db, HttpContext.Actor(), p ?? 1, clock, ct: HttpContext.RequestAborted);
        }
        catch (AccessDeniedException ex)
        {
            HttpContext.Items[PermissionHandler.DeniedMessageKey] = ex.Message;
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        var session = User.SessionIdOf();
        Rows = History.Runs.Select(r => new Row(r, ids.Protect(ImportNames.RunHandle, r.RunId, session))).ToList();
        return Page();
    }
}
