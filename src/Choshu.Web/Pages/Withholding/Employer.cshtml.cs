using Choshu.App.Security;
using Choshu.App.Withholding;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Security;
using Choshu.Web.Pages.Payments;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Withholding;

/// <summary>
/// 特別徴収義務者: one employer's year by 指定番号 — its employees (月割額, withheld and paid in), its installments (納期限, 調定,
/// 収入, 未納, 延滞金) and its payments. Read through <see cref="EmployerQueries.LoadAsync"/> (audited 3446).
/// </summary>
[RequirePermission(Permission.ViewTaxpayer)]
public sealed class EmployerModel(Store store, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Designation { get; set; }

    [BindProperty(SupportsGet = true)]
    public int? Year { get; set; }

    public EmployerPage? Employer { get; private set; }
    public string? Error { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Year ??= Domain.Calendar.JapanTime.Today(clock) is var t && t.Month >= 6 ? t.Year : t.Year - 1;
        if (string.IsNullOrWhiteSpace(Designation)) return Page();
        try
        {
            Employer = await new EmployerQueries(store, clock).LoadAsync(HttpContext.Actor(), Designation.Trim(), Year.Value, HttpContext.RequestAborted);
        }
        catch (AccessDeniedException ex)
        {
            return PaymentForms.Forbidden(this, ex);
        }
        catch (DomainException ex)
        {
            Error = ex.Message;
        }
        return Page();
    }
}
