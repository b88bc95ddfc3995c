using Choshu.App.Cases;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Cases;
using Choshu.Domain.Security;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Cases;

/// <summary>
/// 照会先 <c>/Cases/InquiryTargets</c>: the directory of inquiry targets (<see cref="Permission.ViewTaxpayer"/> to read; no personal data) and
/// the form that adds one (<see cref="Permission.UpdateCases"/>, audited 3340; bad input is a Japanese message naming the field).
/// </summary>
[RequirePermission(Permission.ViewTaxpayer)]
public sealed class InquiryTargetsModel(ChoshuDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? Name { get; set; }
    [BindProperty] public string? Address { get; set; }
    [BindProperty] public string? PostalCode { get; set; }
    [BindProperty] public string? Contact { get; set; }
    [BindProperty] public string? BankCode { get; set; }
    [BindProperty] public string? BranchCode { get; set; }
    [BindProperty] public string? BranchName { get; set; }
    [BindProperty] public string? CorporateNo { get; set; }

    public IReadOnlyList<InquiryTargetLine> Targets { get; private set; } = [];
    public List<string> Errors { get; } = [];
    public string? Done { get; private set; }
    public bool MayAdd => User.Has(Permission.UpdateCases);

    public async Task<IActionResult> OnGetAsync()
    {
        Targets = await new Inquiries(db, clock).TargetsAsync(null, HttpContext.RequestAborted);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        try
        {
            await AccessControl.DemandAsync(db, HttpContext.Actor(), Permission.UpdateCases, clock, what: "照会先の登録", ct: HttpContext.RequestAborted);
            var kind = Enum.TryParse<InquiryTargetKind>(Kind, out var k) && Enum.IsDefined(k) ? k
                : throw new DomainException("inquiry.target_kind", "照会先の種類を選んでください。");
            var line = await new Inquiries(db, clock).AddTargetAsync(HttpContext.Actor(),
                new InquiryTargetRequest(kind, Name ?? "", Address ?? "", PostalCode, Contact, BankCode, BranchCode, BranchName, CorporateNo), HttpContext.RequestAborted);
            Done = $"照会先 {line.Id}（{line.KindName} {line.Display}）を登録しました。";
            Name = Address = PostalCode = Contact = BankCode = BranchCode = BranchName = CorporateNo = null;
        }
        catch (AccessDeniedException ex)
        {
            return CaseForms.Forbidden(this, ex);
        }
        catch (DomainException ex)
        {
            Errors.Add(ex.Message);
        }
        return await OnGetAsync();
    }
}
