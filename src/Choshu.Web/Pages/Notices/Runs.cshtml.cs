using Choshu.App.Notices;
using Choshu.Data;
using Choshu.Data.Notices;
using Choshu.Domain.Security;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Notices;

/// <summary>
/// 通知書一覧: the latest 100 runs, newest first (<see cref="NoticeRuns.ListAsync"/>, as <c>choshu notices list</c>): kind,
/// 基準日, counts, total, state. No personal data; each run opens its page (<c>/Notices/Run/{handle}</c>) for those whose rights
/// cover its kind. Needs <see cref="Permission.IssueNotices"/>.
/// </summary>
[RequirePermission(Permission.IssueNotices)]
public sealed class RunsModel(ChoshuDbContext db, TimeProvider clock, OpaqueIds ids) : PageModel
{
    public sealed record Row(NoticeRun Run, string? Handle);

    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var session = User.SessionIdOf();
        Rows = (await new NoticeRuns(db, clock).ListAsync(ct: HttpContext.RequestAborted))
            .Select(r => new Row(r, User.Has(NoticeRuns.PermissionFor(r.Kind)) ? ids.Protect(NoticeForms.RunHandle, r.Id, session) : null)).ToList();
    }
}
