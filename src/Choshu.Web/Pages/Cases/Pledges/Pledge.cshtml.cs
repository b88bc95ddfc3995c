using Choshu.App.Cases;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Cases;
using Choshu.Domain.Labels;
using Choshu.Domain.Security;
using Choshu.Web.Pages.Notices;
using Choshu.Web.Pages.Taxpayers;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Cases.Pledges;

/// <summary>
/// One pledge or promise (<c>/Cases/Pledges/{handle}</c>): its schedule with what is paid and unpaid of each instalment today,
/// the breach (the missed instalment and the day it began), the covered claims with their status and lapse day (after the 承認
/// of the signing), and its events; prints the 納付誓約書 with a slip per instalment and, in breach, the 分納不履行通知書
/// (<see cref="PledgeForms"/>, issued documents audited 4001); cancels or completes it with a reason (<see cref="Pledges.EndAsync"/>,
/// officer-only, audited 3242). Reading is audited 2001. Needs <see cref="Permission.UpdateCases"/>.
/// </summary>
[RequirePermission(Permission.UpdateCases)]
public sealed class PledgeModel(ChoshuDbContext db, TimeProvider clock, OpaqueIds ids) : PageModel
{
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public string? End { get; set; }

    public PledgeView Shown { get; private set; } = null!;
    public string Handle { get; private set; } = "";
    public string TaxpayerHandle { get; private set; } = "";
    public string? Done { get; private set; }
    public List<string> Errors { get; } = [];

    public async Task<IActionResult> OnGetAsync(string handle, int? recorded)
    {
        if (recorded == 1) Done = "記録しました。";
        return await LoadAsync(handle) ?? Page();
    }

    public Task<IActionResult> OnPostPrintAsync(string handle) => PrintAsync(handle, breach: false);

    public Task<IActionResult> OnPostBreachAsync(string handle) => PrintAsync(handle, breach: true);

    public async Task<IActionResult> OnPostEndAsync(string handle)
    {
        if (!ids.TryUnprotect(PledgePages.Handle, handle, User.SessionIdOf(), out long id)) return NotFound();
        var kind = End == "complete" ? PledgeEventKind.Completed : End == "cancel" ? PledgeEventKind.Cancelled : (PledgeEventKind?)null;
        if (kind is null) Errors.Add("取消か完了かを選んでください。");
        if (string.IsNullOrWhiteSpace(Reason)) Errors.Add("理由を入力してください。理由は記録に残ります。");
        if (Errors.Count == 0)
        {
            try
            {
                var v = await new Choshu.App.Cases.Pledges(db, clock).EndAsync(HttpContext.Actor(), id, kind!.Value, Reason, HttpContext.RequestAborted);
                Done = $"{JapaneseLabels.Of(v.Kind)} {v.Id} を{JapaneseLabels.Of(kind.Value)}しました。";
                Reason = End = null;
            }
            catch (AccessDeniedException ex)
            {
                return NoticeForms.Forbidden(this, ex);
            }
            catch (DomainException ex)
            {
                Errors.Add(ex.Message);
            }
        }
        return await LoadAsync(handle) ?? Page();
    }

    private async Task<IActionResult> PrintAsync(string handle, bool breach)
    {
        if (!ids.TryUnprotect(PledgePages.Handle, handle, User.SessionIdOf(), out long id)) return NotFound();
        try
        {
            var forms = new PledgeForms(db, clock);
            var p = breach ? await forms.PrintBreachLetterAsync(HttpContext.Actor(), id, HttpContext.RequestAborted)
                : await forms.PrintFormAsync(HttpContext.Actor(), id, HttpContext.RequestAborted);
            return File(p.Pdf, "application/pdf", $"{(breach ? "pledge-breach" : "pledge")}-{id}-{p.DocumentId}.pdf");
        }
        catch (AccessDeniedException ex)
        {
            return NoticeForms.Forbidden(this, ex);
        }
        catch (DomainException ex)
        {
            Errors.Add(ex.Message);
        }
        return await LoadAsync(handle) ?? Page();
    }

    private async Task<IActionResult?> LoadAsync(string handle)
    {
        if (!ids.TryUnprotect(PledgePages.Handle, handle, User.SessionIdOf(), out long id)) return NotFound();
        try
        {
            Shown = await new Choshu.App.Cases.Pledges(db, clock).ShowAsync(HttpContext.Actor(), id, JapanTime.Today(clock), HttpContext.RequestAborted);
        }
        catch (AccessDeniedException ex)
        {
            return NoticeForms.Forbidden(this, ex);
        }
        catch (DomainException)
        {
            return NotFound();
        }
        Handle = handle;
        TaxpayerHandle = ids.Protect(TaxpayerText.HandleKind, Shown.TaxpayerNo, User.SessionIdOf());
        return null;
    }
}
