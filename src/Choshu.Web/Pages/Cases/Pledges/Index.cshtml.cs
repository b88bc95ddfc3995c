using Choshu.App.Cases;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Cases;
using Choshu.Domain.Security;
using Choshu.Web.Pages.Notices;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Cases.Pledges;

/// <summary>
/// 分納誓約・約束の一覧 (<c>/Cases/Pledges</c>): every pledge and promise on a day (default today), breached first, filtered by
/// state (履行中・不履行・…, default: open ones), kind, officer and 宛名番号 (<see cref="Pledges.ListAsync"/>, audited 3243). The
/// standing is derived from the payments on the day (a setting gives the grace days). Needs <see cref="Permission.UpdateCases"/>.
/// </summary>
[RequirePermission(Permission.UpdateCases)]
public sealed class IndexModel(ChoshuDbContext db, TimeProvider clock, OpaqueIds ids) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? AsOf { get; set; }
    [BindProperty(SupportsGet = true)] public string? State { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public string? Officer { get; set; }
    [BindProperty(SupportsGet = true)] public string? TaxpayerNo { get; set; }

    public sealed record Row(PledgeListRow Pledge, string Handle);

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public DateOnly Day { get; private set; }
    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        var today = JapanTime.Today(clock);
        Day = NoticeForms.OptionalDate(AsOf, "基準日", Errors) ?? today;
        PledgeState? state = short.TryParse(State, out var s) && Enum.IsDefined((PledgeState)s) ? (PledgeState)s : null;
        PledgeKind? kind = short.TryParse(Kind, out var k) && Enum.IsDefined((PledgeKind)k) ? (PledgeKind)k : null;
        var filter = new PledgeFilter(state, kind, NoticeForms.Normalize(Officer) is { Length: > 0 } o ? o : null,
            NoticeForms.Normalize(TaxpayerNo) is { Length: > 0 } n ? n : null, OpenOnly: State is null or "" or "open");
        if (Errors.Count > 0) return Page();
        try
        {
            var rows = await new Choshu.App.Cases.Pledges(db, clock).ListAsync(HttpContext.Actor(), Day, filter, HttpContext.RequestAborted);
            Rows = rows.Select(r => new Row(r, ids.Protect(PledgePages.Handle, r.Id, User.SessionIdOf()))).ToList();
        }
        catch (AccessDeniedException ex)
        {
            return NoticeForms.Forbidden(this, ex);
        }
        catch (DomainException ex)
        {
            Errors.Add(ex.Message);
        }
        return Page();
    }
}
