using Choshu.App.Cases;
using Choshu.App.Security;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Calendar;
using Choshu.Domain.Cases;
using Choshu.Domain.Security;
using Choshu.Web.Pages.Notices;
using Choshu.Web.Pages.Taxpayers;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Cases.Pledges;

/// <summary>
/// 分納誓約・約束の記録 (<c>/Cases/Pledges/New?taxpayer=…</c>, the taxpayer's handle from the taxpayer page, or a 宛名番号 typed):
/// a signed pledge (誓約日 and the schedule, one <c>YYYY-MM-DD:金額</c> per line, over every claim in arrears oldest first) or a
/// promise (one amount and day), as <c>choshu pledge add</c> / <c>promise</c> (<see cref="Pledges.AddAsync"/>: the officer-only
/// policy, audited 3240/3241; the signing is a 承認 on each claim). Then the pledge's page. Needs <see cref="Permission.UpdateCases"/>.
/// </summary>
[RequirePermission(Permission.UpdateCases)]
public sealed class NewModel(ChoshuDbContext db, TimeProvider clock, OpaqueIds ids) : PageModel
{
    [BindProperty] public string? TaxpayerNo { get; set; }
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? MadeOn { get; set; }
    [BindProperty] public string? Schedule { get; set; }
    [BindProperty] public string? PromiseOn { get; set; }
    [BindProperty] public string? PromiseAmount { get; set; }
    [BindProperty] public string? Note { get; set; }

    public List<string> Errors { get; } = [];
    public DateOnly Today => JapanTime.Today(clock);

    public IActionResult OnGet(string? taxpayer)
    {
        if (taxpayer is not null && ids.TryUnprotect(TaxpayerText.HandleKind, taxpayer, User.SessionIdOf(), out string? no)) TaxpayerNo = no;
        MadeOn ??= Formatting.Display.Date(Today);
        Kind ??= "2";
        return Page();
    }

    public async Task<IActionResult> OnPostRecordAsync()
    {
        var no = NoticeForms.Normalize(TaxpayerNo);
        if (no.Length == 0) Errors.Add("宛名番号を入力してください。");
        var kind = Kind == "1" ? PledgeKind.Promise : PledgeKind.InstallmentPledge;
        var made = NoticeForms.RequiredDate(MadeOn, kind == PledgeKind.Promise ? "約束をした日" : "誓約日（署名日）", Errors);
        if (Note is { Length: > Choshu.Data.Cases.Pledge.NoteMaxLength }) Errors.Add($"備考は {Choshu.Data.Cases.Pledge.NoteMaxLength} 文字までで入力してください。");
        IReadOnlyList<PledgeInstalment> schedule = [];
        try
        {
            if (kind == PledgeKind.InstallmentPledge)
                schedule = PledgeRules.Parse([NoticeForms.Normalize(Schedule)]);
            else
            {
                var on = NoticeForms.RequiredDate(PromiseOn, "納付を約束した日", Errors);
                var amount = NoticeForms.OptionalNumber(PromiseAmount, "約束した金額", Errors);
                if (amount is null && Errors.Count == 0) Errors.Add("約束した金額を入力してください。");
                if (on is { } d && amount is { } a) schedule = [new PledgeInstalment(1, d, a)];
            }
        }
        catch (DomainException ex)
        {
            Errors.Add(ex.Message);
        }
        if (Errors.Count > 0) return Page();
        try
        {
            var v = await new Choshu.App.Cases.Pledges(db, clock).AddAsync(HttpContext.Actor(),
                new PledgeRequest(no, kind, made!.Value, schedule, null, Note), HttpContext.RequestAborted);
            return RedirectToPage("/Cases/Pledges/Pledge", new { handle = ids.Protect(PledgePages.Handle, v.Id, User.SessionIdOf()), recorded = 1 });
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
