using Choshu.App.Certificates;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Security;
using Choshu.Web.Pages.Taxpayers;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Certificates;

/// <summary>
/// 納税証明書の照合 (<c>/Certificates/Verify</c>): a verification number typed in (POST only, never in the URL) tells whether
/// the certificate was issued and what it said (<see cref="TaxCertificates.VerifyAsync"/>, audit 2020), as
/// <c>choshu certificate verify</c>. Needs <see cref="Permission.IssueCertificates"/>.
/// </summary>
[RequirePermission(Permission.IssueCertificates)]
public sealed class VerifyModel(ChoshuDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty] public string? Number { get; set; }

    public bool Asked { get; private set; }
    public VerifiedCertificate? Found { get; private set; }
    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            Found = await new TaxCertificates(db, clock).VerifyAsync(HttpContext.Actor(), Number ?? "", HttpContext.RequestAborted);
            Asked = true;
        }
        catch (AccessDeniedException ex)
        {
            return SearchModel.Forbidden(HttpContext, ex);
        }
        catch (DomainException ex)
        {
            Error = ex.Message;
        }
        return Page();
    }
}
