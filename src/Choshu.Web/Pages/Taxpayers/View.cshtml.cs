using Choshu.App.Notices;
using Choshu.App.Privacy;
using Choshu.App.Security;
using Choshu.App.Taxpayers;
using Choshu.Data;
using Choshu.Domain;
using Choshu.Domain.Security;
using Choshu.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Taxpayers;

/// <summary>
/// 納税義務者 (<see cref="Permission.ViewTaxpayer"/>): <c>/Taxpayers/View/{handle}</c>, the handle a
/// search result gave in this session (<see cref="OpaqueIds"/>; any other handle, or one from another
/// session, is 404). Everything is read in one call to <see cref="PersonalDataGate.ViewAsync"/> (audit
/// 2001), a fixed number of indexed queries (<see cref="TaxpayerDetailsQuery"/>). The My Number section
/// shows only to holders of <see cref="Permission.RevealMyNumber"/>, masked; 「個人番号を表示」 posts a
/// 利用目的 to <see cref="OnPostRevealAsync"/>, which asks the gate (audit 2002 with the purpose; a
/// refusal 5000 and 403; a session not re-authenticated within five minutes goes to
/// <c>/Account/Reauthenticate</c> and back here). The number appears only in that POST's response,
/// which like every page is sent with <c>Cache-Control: no-store</c>.
/// </summary>
[RequirePermission(Permission.ViewTaxpayer)]
public sealed class TaxpayerViewModel(ChoshuDbContext db, TimeProvider clock, KeyRingSource keys, OpaqueIds ids) : PageModel
{
    public TaxpayerDetails Details { get; private set; } = null!;

    /// <summary>通知書の発行履歴 (<see cref="NoticeHistory"/>), read after the gate let the page open.</summary>
    public IReadOnlyList<NoticeHistoryLine> Notices { get; private set; } = [];
    /// <summary>滞納処分費 of the taxpayer: charged, paid, unpaid (paid before the taxes out of any payment).</summary>
    public App.Enforcement.EnforcementCostBalance Costs { get; private set; } = new(0, 0, 0);

    /// <summary>納税証明書の発行履歴, read after the gate let the page open.</summary>
    public IReadOnlyList<App.Certificates.CertificateHistoryLine> Certificates { get; private set; } = [];

    public bool MayIssueCertificates => User.Has(Permission.IssueCertificates);
    public string Handle { get; private set; } = "";

    /// <summary>The revealed number, grouped in fours; only in the response to a reveal.</summary>
    public string? RevealedMyNumber { get; private set; }
    public string? RevealMessage { get; private set; }
    public string? RevealError { get; private set; }

    [BindProperty] public string? Purpose { get; set; }

    public bool MayReveal => User.Has(Permission.RevealMyNumber);

    public async Task<IActionResult> OnGetAsync(string? handle)
    {
        if (!TryTaxpayerNo(handle, out var taxpayerNo)) return NotFound();
        return await ShowAsync(taxpayerNo);
    }

    public async Task<IActionResult> OnPostRevealAsync(string? handle)
    {
        if (!TryTaxpayerNo(handle, out var taxpayerNo)) return NotFound();
        var gate = new PersonalDataGate(db, clock, MyNumberVault.FromRing(keys.Current()));
        try
        {
            var number = await gate.RevealMyNumberAsync(HttpContext.Actor(), taxpayerNo, Purpose ?? "", HttpContext.RequestAborted);
            if (number is { } n)
            {
                RevealedMyNumber = TaxpayerText.Grouped(n.Reveal());
                RevealMessage = "個人番号を表示しました（この表示は一度だけです。画面を移動すると再びマスクされます）。表示したことは利用目的とともに操作ログに記録されました。";
            }
            else
            {
                RevealError = "この方の個人番号は登録されていません。";
            }
        }
        catch (AccessDeniedException ex)
        {
            return SearchModel.Forbidden(HttpContext, ex);
        }
        catch (ReauthenticationRequiredException)
        {
            // Password and a fresh code again, then back to this page (the handle is opaque; the purpose is typed again).
            return Redirect("/Account/Reauthenticate?returnUrl=" + Uri.EscapeDataString($"/Taxpayers/View/{handle}"));
        }
        catch (DomainException ex)
        {
            RevealError = ex.Message;
        }
        return await ShowAsync(taxpayerNo);
    }

    private bool TryTaxpayerNo(string? handle, out string taxpayerNo)
    {
        taxpayerNo = "";
        if (!ids.TryUnprotect(TaxpayerText.HandleKind, handle, User.SessionIdOf(), out string? key)) return false;
        Handle = handle!;
        taxpayerNo = key;
        return true;
    }

    private async Task<IActionResult> ShowAsync(string taxpayerNo)
    {
        try
        {
            var details = await new PersonalDataGate(db, clock).ViewAsync(HttpContext.Actor(), taxpayerNo, HttpContext.RequestAborted);
            if (details is null) return NotFound();
            Details = details;
            // Only the sections the taxpayer has rows in are read (TaxpayerSections, read with the taxpayer); the others are empty.
            var has = details.Sections;
            if (has.NoticeLetters) Notices = await NoticeHistory.ForTaxpayerAsync(db, details.TaxpayerId, HttpContext.RequestAborted);
            if (has.EnforcementCosts) Costs = await App.Enforcement.EnforcementCostBalances.OfAsync(db, details.TaxpayerId, HttpContext.RequestAborted);
            if (has.Certificates) Certificates = await new App.Certificates.TaxCertificates(db, clock).ListForTaxpayerAsync(details.TaxpayerId, HttpContext.RequestAborted);
            return Page();
        }
        catch (AccessDeniedException ex)
        {
            return SearchModel.Forbidden(HttpContext, ex);
        }
    }

    /// <summary>A handle for a letter of the notice history (its 発行番号), for the reprint page, in this session.</summary>
    public string LetterHandle(long documentId) => ids.Protect(Choshu.Web.Pages.Notices.NoticeForms.LetterHandle, documentId, User.SessionIdOf());

    /// <summary>Whether the signed-in person may reprint a letter of this kind.</summary>
    public bool MayReprint(NoticeHistoryLine line) => line.Reprintable && User.Has(Permission.IssueNotices) && User.Has(NoticeRuns.PermissionFor(line.Kind));

    /// <summary>A handle for another taxpayer shown on this page (a tax agent), in this session.</summary>
    public string HandleFor(string taxpayerNo) => ids.Protect(TaxpayerText.HandleKind, taxpayerNo, User.SessionIdOf());
}
