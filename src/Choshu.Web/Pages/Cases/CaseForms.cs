using Choshu.App.Security;
using Choshu.Web.Pages.Payments;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Choshu.Web.Pages.Cases;

/// <summary>What the case pages share: the handle kind of a case (sealed to the session, as taxpayer handles are) and the 403 page.</summary>
public static class CaseForms
{
    public const string CaseHandle = "case";

    /// <summary>The handle kind of a claim (installment) the case file offers to a pledge (sealed to the session).</summary>
    public const string ClaimHandle = "case-claim";

    public static IActionResult Forbidden(PageModel page, AccessDeniedException ex) => PaymentForms.Forbidden(page, ex);

    public static readonly IReadOnlyList<(string Value, string Label)> Methods =
        Enum.GetValues<Domain.Cases.CaseLogMethod>().Select(m => (m.ToString(), Domain.Labels.JapaneseLabels.Of(m))).ToList();

    public static readonly IReadOnlyList<(string Value, string Label)> Colours =
        Enum.GetValues<Domain.Cases.FlagColour>().Select(c => (c.ToString(), Domain.Labels.JapaneseLabels.Of(c))).ToList();

    /// <summary>The CSS colour of a 付箋.</summary>
    public static string Css(Domain.Cases.FlagColour c) => c switch
    {
        Domain.Cases.FlagColour.Red => "#f4c7c3",
        Domain.Cases.FlagColour.Yellow => "#fff2a8",
        Domain.Cases.FlagColour.Green => "#c8e6c9",
        Domain.Cases.FlagColour.Blue => "#c5dcf5",
        _ => "#e1cfee",
    };
}
