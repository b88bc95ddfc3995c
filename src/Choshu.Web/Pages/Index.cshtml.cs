using Choshu.Domain.Calendar;
using Choshu.Domain.Security;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages;

/// <summary>ホーム: today's date, the rights active today, and the menu.</summary>
public sealed class IndexModel(TimeProvider clock) : PageModel
{
    public DateOnly Today { get; private set; }
    public IReadOnlyList<Role> Roles { get; private set; } = [];

    public void OnGet()
    {
        Today = JapanTime.Today(clock);
        Roles = User.ActiveRoles();
    }
}
