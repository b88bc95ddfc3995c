using System.Text;
using System.Text.RegularExpressions;

namespace Choshu.TestSupport;

/// <summary>
/// Finds Latin-letter words in the text staff read, for the "one language" tests: every word of a
/// page's markup text, of its visible attributes (title, aria-label, placeholder, alt) and of the
/// C# string literals that hold Japanese (a literal with no Japanese in it is taken for code: a key,
/// a format, a CSS class). A word is allowed when it is on <see cref="Allowed"/> (codes, units,
/// product names) or is not prose: an option (<c>--urls</c>), a file name (<c>x.csv</c>), a dotted
/// key (<c>city.address</c>), an address (<c>http://…</c>), a command after <c>./choshu</c>, or a
/// hole of an interpolated string (<c>{expr}</c>).
/// </summary>
public static partial class LatinWords
{
    /// <summary>
    /// Words a Japanese screen may carry as they are: product and standard names, codes staff read as
    /// codes, units. Add a word here only when staff really read it in Latin letters (say why in the
    /// comment); otherwise write the Japanese word in the page.
    /// </summary>
    public static readonly IReadOnlySet<string> Allowed = new HashSet<string>(StringComparer.Ordinal)
    {
        // Product, standard and format names.
        "Choshu", "PDF", "CSV", "TOTP", "QR", "ID", "SHA", "JSON", "URL", "HTTP", "HTTPS", "UTF", "EUC", "JIS", "Shift_JIS", "CR", "LF",
        "eLTAX", "eL", "OCR", "PIN", "IC", "Web", "Excel", "OS",
        // Authenticator apps staff install (named on the enrollment page).
        "Google", "Microsoft", "Authenticator",
        // Keys staff press.
        "Ctrl", "Enter", "Tab", "Shift",
        // Units and the yen sign's Latin form.
        "mm", "cm", "KB", "MB", "GB", "dpi", "pt",
        // 全銀 record kinds and the payment file's data/trailer kinds, as printed in the formats staff compare.
        "D", "T",
        // The 整理番号 prefix of web counter receipts (W + YYMMDD) and the A4 paper size.
        "W", "A4",
        // No. as in 通知書 No. on printed slips.
        "No",
    };

    /// <summary>One word found: where, and the text around it.</summary>
    public sealed record Finding(string File, int Line, string Word, string Context)
    {
        public override string ToString() => $"{File}:{Line}: 「{Word}」 in: {Context}";
    }

    /// <summary>The Latin words of a Razor page that staff would read, outside <see cref="Allowed"/>.</summary>
    public static IEnumerable<Finding> InRazor(string file, string text)
    {
        var source = ReplaceTags(StripComments(text));
        var lines = source.Split('\n');
        var inBlock = 0; // depth of @{ … } and @functions { … } code blocks
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].TrimEnd('\r').Trim();
            if (line.Length == 0) continue;
            if (IsRazorDirective(line)) continue;
            var markupStart = line.StartsWith('\u0001');
            line = line.Replace("\u0001", "", StringComparison.Ordinal).Trim();
            var code = !markupStart && (inBlock > 0 || IsCodeLine(line));
            if (line.StartsWith("@{", StringComparison.Ordinal) || line.StartsWith("@functions", StringComparison.Ordinal))
                inBlock += Count(line, '{') - Count(line, '}');
            else if (inBlock > 0 && !markupStart)
                inBlock += Count(line, '{') - Count(line, '}');
            if (code)
            {
                foreach (var f in InCodeLiterals(file, n + 1, line)) yield return f;
                continue;
            }
            foreach (var f in InMarkup(file, n + 1, line)) yield return f;
        }
    }

    /// <summary>
    /// Every HTML tag replaced by its visible attribute values (title, aria-label, placeholder, alt), keeping the
    /// line count; a line that began with a tag is marked with U+0001 (markup, not code). Quotes and Razor
    /// parentheses inside a tag are skipped over, so <c>@(x > 0 ? …)</c> does not end it.
    /// </summary>
    private static string ReplaceTags(string text)
    {
        var sb = new StringBuilder(text.Length);
        var lineStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (ch == '<' && i + 1 < text.Length && (char.IsAsciiLetter(text[i + 1]) || text[i + 1] == '/' || text[i + 1] == '!'))
            {
                var end = TagEnd(text, i);
                var tag = text[i..end];
                if (lineStart) sb.Append('\u0001');
                sb.Append(' ');
                foreach (Match a in VisibleAttribute().Matches(tag)) sb.Append(a.Groups["v"].Value).Append(' ');
                sb.Append(new string('\n', tag.Count(c => c == '\n')));
                i = end - 1;
                lineStart = false;
                continue;
            }
            sb.Append(ch);
            if (ch == '\n') lineStart = true;
            else if (!char.IsWhiteSpace(ch)) lineStart = false;
        }
        return sb.ToString();
    }

    private static int TagEnd(string s, int open)
    {
        var depth = 0;
        char quote = '\0';
        for (var i = open + 1; i < s.Length; i++)
        {
            var c = s[i];
            if (quote != '\0') { if (c == quote && depth == 0) quote = '\0'; else if (c == '(') depth++; else if (c == ')') depth--; continue; }
            if (c is '"' or '\'') quote = c;
            else if (c == '>') return i + 1;
        }
        return s.Length;
    }

    /// <summary>The Latin words of the string literals holding Japanese in a C# source file, outside <see cref="Allowed"/>.</summary>
    public static IEnumerable<Finding> InCSharp(string file, string text)
    {
        var lines = text.Split('\n');
        for (var n = 0; n < lines.Length; n++)
        {
            var line = lines[n].Trim();
            // Comments and attributes are for programmers; only literals are read by staff.
            if (line.StartsWith("//", StringComparison.Ordinal) || line.StartsWith("///", StringComparison.Ordinal) || line.StartsWith('[') || line.StartsWith('*')) continue;
            foreach (var f in InCodeLiterals(file, n + 1, line)) yield return f;
        }
    }

    private static IEnumerable<Finding> InCodeLiterals(string file, int line, string code)
    {
        foreach (var value in Literals(code))
        {
            if (!HasJapanese(value)) continue;
            foreach (var w in Words(value))
                yield return new Finding(file, line, w, code.Length > 160 ? code[..160] + "…" : code);
        }
    }

    /// <summary>
    /// The string literals of a line of C# ("…", @"…", $"…", $@"…"), each with its escape sequences and its
    /// interpolation holes replaced by spaces; the literals inside a hole are literals of their own.
    /// </summary>
    public static IEnumerable<string> Literals(string code)
    {
        var found = new List<string>();
        for (var i = 0; i < code.Length; i++)
        {
            if (code[i] == '\'') { i = SkipChar(code, i); continue; }
            if (code[i] != '"') continue;
            var prefix = i >= 2 ? code[(i - 2)..i] : i == 1 ? code[..1] : "";
            var interpolated = prefix.EndsWith('$') || prefix == "$@" || prefix == "@$";
            var verbatim = prefix.EndsWith('@') || prefix == "@$";
            i = ReadLiteral(code, i, interpolated, verbatim, found) - 1;
        }
        return found;
    }

    private static int SkipChar(string s, int open)
    {
        // 'x', '\\x' or '\\u0000': returns the closing apostrophe; an apostrophe that opens no char literal is passed over.
        var from = open + 1 < s.Length && s[open + 1] == '\\' ? open + 3 : open + 2;
        var close = from < s.Length ? s.IndexOf('\'', from) : -1;
        return close > open && close - open <= 7 ? close : open;
    }

    /// <summary>Reads the literal whose opening quote is at <paramref name="open"/>; adds it (and those in its holes) to <paramref name="found"/>; returns the index after it.</summary>
    private static int ReadLiteral(string s, int open, bool interpolated, bool verbatim, List<string> found)
    {
        var value = new StringBuilder();
        var i = open + 1;
        while (i < s.Length)
        {
            var c = s[i];
            if (verbatim && c == '"' && i + 1 < s.Length && s[i + 1] == '"') { value.Append(' '); i += 2; continue; }
            if (c == '"') { i++; break; }
            if (!verbatim && c == '\\') { value.Append(' '); i += 2; continue; }
            if (interpolated && c == '{')
            {
                if (i + 1 < s.Length && s[i + 1] == '{') { value.Append('{'); i += 2; continue; }
                var depth = 1;
                var hole = new StringBuilder();
                i++;
                while (i < s.Length && depth > 0)
                {
                    if (s[i] == '"')
                    {
                        var p = s[(i - 1)..i];
                        var pp = i >= 2 ? s[(i - 2)..i] : p;
                        i = ReadLiteral(s, i, p == "$" || pp is "$@" or "@$", p == "@" || pp == "@$", found);
                        continue;
                    }
                    if (s[i] == '{') depth++;
                    else if (s[i] == '}') depth--;
                    i++;
                }
                value.Append(' ');
                continue;
            }
            value.Append(c);
            i++;
        }
        found.Add(value.ToString());
        return i;
    }

    private static IEnumerable<Finding> InMarkup(string file, int line, string markup)
    {
        var (plain, codeParts) = SplitRazor(markup);
        foreach (var w in Words(plain)) yield return new Finding(file, line, w, markup.Length > 160 ? markup[..160] + "…" : markup);
        foreach (var c in codeParts)
            foreach (var f in InCodeLiterals(file, line, c)) yield return f;
    }

    /// <summary>Text with every Razor expression (<c>@Model.X</c>, <c>@Date(x)</c>, <c>@(…)</c>) replaced by a space, and the expressions.</summary>
    private static (string Plain, List<string> Code) SplitRazor(string text)
    {
        var plain = new StringBuilder();
        var code = new List<string>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '@' || i + 1 >= text.Length) { plain.Append(text[i]); continue; }
            var start = i + 1;
            var j = start;
            if (text[j] == '(' || text[j] == '{') j = Balanced(text, j);
            else
            {
                while (j < text.Length)
                {
                    if (char.IsLetterOrDigit(text[j]) || text[j] is '_' or '.' or '!' or '?') j++;
                    else if (text[j] is '(' or '[') j = Balanced(text, j);
                    else break;
                }
                if (j > start && text[j - 1] == '.') j--; // a sentence's full stop after an expression
                if (text[start..j] is "if" or "foreach" or "for" or "while" or "switch" or "using" or "lock")
                {
                    while (j < text.Length && text[j] == ' ') j++;
                    if (j < text.Length && text[j] == '(') j = Balanced(text, j);
                }
            }
            code.Add(text[start..Math.Min(j, text.Length)]);
            plain.Append(' ');
            i = j - 1;
        }
        return (plain.ToString(), code);
    }

    private static int Balanced(string s, int open)
    {
        var (o, c) = s[open] switch { '(' => ('(', ')'), '[' => ('[', ']'), _ => ('{', '}') };
        var depth = 0;
        var inString = false;
        for (var i = open; i < s.Length; i++)
        {
            if (s[i] == '"' && (i == 0 || s[i - 1] != '\\')) inString = !inString;
            if (inString) continue;
            if (s[i] == o) depth++;
            else if (s[i] == c && --depth == 0) return i + 1;
        }
        return s.Length;
    }

    /// <summary>The Latin words of prose, after dropping what is not prose (options, file names, keys, addresses, commands).</summary>
    public static IEnumerable<string> Words(string text)
    {
        var t = text.Normalize(NormalizationForm.FormKC);
        t = Entity().Replace(t, " ");
        t = NotProse().Replace(t, " ");
        foreach (Match m in Word().Matches(t))
            if (!Allowed.Contains(m.Value)) yield return m.Value;
    }

    private static string StripComments(string text)
    {
        // Keep the line count: replace each comment by as many newlines as it spanned.
        string Blank(Match m) => new('\n', m.Value.Count(c => c == '\n'));
        text = RazorComment().Replace(text, Blank);
        text = HtmlComment().Replace(text, Blank);
        text = ScriptOrStyle().Replace(text, Blank);
        return text;
    }

    private static bool IsRazorDirective(string line) =>
        DirectivePrefixes.Any(p => line.StartsWith(p, StringComparison.Ordinal));

    private static readonly string[] DirectivePrefixes =
        ["@page", "@model", "@using", "@inject", "@inherits", "@namespace", "@addTagHelper", "@removeTagHelper", "@layout", "@implements", "@attribute"];

    /// <summary>A line of C# in a page: a control statement, a brace, or a statement ending in ; (markup text never does).</summary>
    private static bool IsCodeLine(string line) =>
        line.StartsWith("@if", StringComparison.Ordinal) || line.StartsWith("@foreach", StringComparison.Ordinal) || line.StartsWith("@for ", StringComparison.Ordinal)
        || line.StartsWith("@switch", StringComparison.Ordinal) || line.StartsWith("@while", StringComparison.Ordinal) || line.StartsWith("@{", StringComparison.Ordinal)
        || line.StartsWith("@functions", StringComparison.Ordinal) || line.StartsWith("@section", StringComparison.Ordinal)
        || line.StartsWith("else", StringComparison.Ordinal) || line.StartsWith("case ", StringComparison.Ordinal) || line.StartsWith("default:", StringComparison.Ordinal)
        || line is "{" or "}" or "};" || line.StartsWith("var ", StringComparison.Ordinal) || line.StartsWith("return", StringComparison.Ordinal)
        || CodeKeywordLine().IsMatch(line)
        || (line.EndsWith(';') && !HasJapanese(line.Split('"')[0]) && !line.StartsWith('<'));

    private static bool HasJapanese(string s) => s.Any(c => c is >= '\u3040' and <= '\u30FF' or >= '\u4E00' and <= '\u9FFF' or >= '\uFF01' and <= '\uFF60' or >= '\u3000' and <= '\u303F');

    private static int Count(string s, char c) => s.Count(x => x == c);

    [GeneratedRegex(@"@\*.*?\*@", RegexOptions.Singleline)]
    private static partial Regex RazorComment();

    [GeneratedRegex(@"<!--.*?-->", RegexOptions.Singleline)]
    private static partial Regex HtmlComment();

    [GeneratedRegex(@"<(script|style)\b.*?</\1>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex(@"^(?:if|foreach|for|while|switch|using|else|case|break|continue|return|throw|string|bool|int|long|var)\b|^\}")]
    private static partial Regex CodeKeywordLine();

    [GeneratedRegex(@"\b(?:title|aria-label|placeholder|alt|aria-description)=""(?<v>[^""]*)""")]
    private static partial Regex VisibleAttribute();

    // A C# string literal: "…", $"…", @"…", $@"…" (no raw literals in the checked sources' messages).
    [GeneratedRegex(@"(?<p>\$?@?\$?)""(?<v>(?:[^""\\]|\\.)*)""")]
    private static partial Regex Literal();

    // An interpolation hole {…} (one level of nested braces or parentheses).
    [GeneratedRegex(@"\{(?:[^{}]|\{[^{}]*\})*\}")]
    private static partial Regex Holes();

    [GeneratedRegex(@"&[a-zA-Z]+;|&#x?[0-9a-fA-F]+;")]
    private static partial Regex Entity();

    // Not prose: key combinations (Ctrl+P), codes in capitals (NOZEI, SHUNO: staff read codes as codes), ./choshu commands to the next Japanese character, options, addresses, file names and dotted keys,
    // identifiers with an underscore, and tokens mixing letters and digits (codes such as NZ01, S001).
    [GeneratedRegex(@"\b(?:Ctrl|Shift|Alt)\s*\+\s*[A-Za-z0-9]+\b|\belse(?=\s*\{)|\bchoshu [a-z][a-z -]*|\b[A-Z]{2,10}\b(?![a-z])|\./choshu[ -~]*|(?<![A-Za-z0-9])--?[a-z][a-z0-9-]*|https?://\S+|\b[\w-]+\.(?:csv|txt|pdf|json|log|db|sh|md|xml|html|png|zip|gz)\b|\b[a-z]+(?:[._][a-z0-9_]+)+\b|\b[A-Za-z_]*_[A-Za-z0-9_]*\b|\b(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z0-9]+\b|\{[^{}]*\}")]
    private static partial Regex NotProse();

    [GeneratedRegex(@"[A-Za-z]+(?:['’][A-Za-z]+)*")]
    private static partial Regex Word();
}
