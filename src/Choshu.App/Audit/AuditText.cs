using System.Text;
using System.Text.RegularExpressions;
using Choshu.App.Security;
using Choshu.Domain.Identifiers;
using Choshu.Domain.Security;

namespace Choshu.App.Audit;

/// <summary>Helpers for what goes into an audit record's free text, which never holds a My Number.</summary>
public static partial class AuditText
{
    /// <summary>
    /// Replaces every run of exactly 12 digits (half- or full-width: the text is NFKC-normalised first) by
    /// twelve asterisks, so a My Number typed into a free-text field (a search term, a reason) never
    /// reaches the log.
    /// </summary>
    public static string MaskMyNumbers(string text) =>
        TwelveDigits().Replace(text.Normalize(NormalizationForm.FormKC), MyNumber.MaskedForm);

    /// <summary>The actor recorded for work done under a bare actor name (a batch, an older caller): the system actor of this host under that name.</summary>
    public static Actor SystemNamed(string name) => new(ActorKind.System, null, name, Environment.MachineName);

    [GeneratedRegex(@"(?<![0-9])[0-9]{12}(?![0-9])")]
    private static partial Regex TwelveDigits();
}
