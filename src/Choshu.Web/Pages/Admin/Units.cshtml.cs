using Choshu.App.Accounts;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Data.Security;
using Choshu.Domain;
using Choshu.Domain.Security;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Admin;

/// <summary>
/// 課・係の名称 (<see cref="Permission.ManageAccounts"/>): the names screens show for the 課・係 codes of the
/// user IDs (<see cref="OrgUnits"/>). Lists every registered name and every code in use without one; the
/// form registers or changes one name (audit 1020). Codes stay codes: an account's 課・係 is changed by a
/// transfer on its own page, not here.
/// </summary>
[RequirePermission(Permission.ManageAccounts)]
public sealed class UnitsModel(ChoshuDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty] public string? DepartmentCode { get; set; }
    [BindProperty] public string? SectionCode { get; set; }
    [BindProperty] public string? Name { get; set; }

    public IReadOnlyList<OrgUnitName> Names { get; private set; } = [];

    /// <summary>課・係 codes of user IDs that have no name yet (課 code, 係 code; 係 empty for the 課 itself).</summary>
    public IReadOnlyList<(string Department, string Section)> Unnamed { get; private set; } = [];
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            var changed = await OrgUnits.SetAsync(db, HttpContext.Actor(), DepartmentCode ?? "", SectionCode, Name ?? "", clock, HttpContext.RequestAborted);
            var what = string.IsNullOrWhiteSpace(SectionCode) ? $"課 {DepartmentCode?.Trim()}" : $"課 {DepartmentCode?.Trim()} 係 {SectionCode.Trim()}";
            Message = changed ? $"{what} の名称を「{Name?.Trim()}」にしました。" : $"{what} の名称は既に「{Name?.Trim()}」です。";
            DepartmentCode = SectionCode = Name = null;
        }
        catch (AccessDeniedException ex)
        {
            HttpContext.Items[PermissionHandler.DeniedMessageKey] = ex.Message;
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        catch (DomainException ex)
        {
            Error = ex.Message;
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Names = await OrgUnits.ListAsync(db, HttpContext.RequestAborted);
        var named = Names.Select(n => (n.DepartmentCode, n.SectionCode)).ToHashSet();
        var used = db.StaffAccounts.Select(a => new { a.DepartmentCode, a.SectionCode }).Distinct().ToList();
        Unnamed = used.SelectMany(u => new[] { (u.DepartmentCode, ""), (u.DepartmentCode, u.SectionCode) })
            .Where(u => u.Item1.Length > 0 && !named.Contains(u)).Distinct().OrderBy(u => u.Item1).ThenBy(u => u.Item2).ToList();
    }
}
