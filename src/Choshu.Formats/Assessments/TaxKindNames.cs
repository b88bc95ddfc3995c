using System.Text;

namespace Choshu.Formats.Assessments;

/// <summary>
/// Resolves what a file writes in the 税目 column to a tax kind code: the code itself (01; a single
/// digit such as 1 is read as 01), the kind's name or one of its aliases (table tax_kinds).
/// Names are compared after Unicode NFKC normalisation and without white space, so full- and
/// half-width brackets and digits match.
/// </summary>
public sealed class TaxKindNames
{
    private readonly Dictionary<string, string> _byKey = new(StringComparer.Ordinal);

    /// <param name="kinds">Each kind's code, name and aliases separated by '|'.</param>
    public TaxKindNames(IEnumerable<(string Code, string Name, string Aliases)> kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        foreach (var (code, name, aliases) in kinds)
        {
            _byKey[Key(code)] = code;
            foreach (var n in aliases.Split('|', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Prepend(name))
                _byKey.TryAdd(Key(n), code);
        }
    }

    /// <summary>The code for <paramref name="text"/>, or null when it names no kind.</summary>
    public string? Resolve(string text)
    {
        var key = Key(text);
        if (key.Length == 1 && char.IsAsciiDigit(key[0])) key = "0" + key;
        return _byKey.GetValueOrDefault(key);
    }

    private static string Key(string s) =>
        string.Concat(s.Normalize(NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c)));
}
