using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Choshu.App.Documents;

/// <summary>
/// The plain data record an issued document is drawn from (帳票の元データ): named fields holding text, whole
/// numbers, true/false, dates, null, a nested record or a list of records. Its canonical form
/// (<see cref="ToCanonicalJson"/>) is the one serialisation whose SHA-256 is recorded as
/// <c>issued_documents.data_sha256</c>: JSON as RFC 8785 (JSON Canonicalization Scheme) writes it, for this
/// subset of values, so an auditor can recompute the hash with any RFC 8785 library (docs/formats.md):
/// <list type="bullet">
/// <item>members sorted by name, comparing UTF-16 code units (ordinal); no whitespace anywhere;</item>
/// <item>whole numbers in plain decimal (at most 2^53 − 1 in magnitude, so JavaScript reads them exactly);</item>
/// <item>dates as the text "yyyy-MM-dd" (Gregorian, invariant culture);</item>
/// <item>text as written, escaping only <c>"</c>, <c>\</c> and the control characters U+0000–U+001F
/// (\b \t \n \f \r, the others \u00xx in lower-case hex); everything else, Japanese included, as UTF-8;</item>
/// <item>a field whose value is null is written as <c>null</c>, not left out;</item>
/// <item>the bytes hashed are the UTF-8 of that text, without a byte-order mark.</item>
/// </list>
/// A field name may be used once. Never put a My Number in a data record.
/// </summary>
public sealed class DocumentData
{
    /// <summary>The largest whole number written (2^53 − 1): beyond it JSON readers that use doubles lose digits.</summary>
    public const long MaxWholeNumber = 9_007_199_254_740_991;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly SortedDictionary<string, object?> _fields = new(StringComparer.Ordinal);

    public DocumentData Add(string name, string? value) => Set(name, value);

    public DocumentData Add(string name, long value)
    {
        if (value is > MaxWholeNumber or < -MaxWholeNumber)
            throw new ArgumentOutOfRangeException(nameof(value), value, $"Field {name}: beyond ±(2^53 − 1).");
        return Set(name, value);
    }

    public DocumentData Add(string name, long? value) => value is { } v ? Add(name, v) : Set(name, null);

    public DocumentData Add(string name, bool value) => Set(name, value);

    public DocumentData Add(string name, DateOnly value) => Set(name, value);

    public DocumentData Add(string name, DateOnly? value) => Set(name, value);

    public DocumentData Add(string name, DocumentData? value) => Set(name, value);

    public DocumentData Add(string name, IEnumerable<DocumentData> items) => Set(name, items.ToList());

    /// <summary>The canonical JSON text (see the type's summary).</summary>
    public string ToCanonicalJson()
    {
        var sb = new StringBuilder();
        Write(sb, this);
        return sb.ToString();
    }

    /// <summary>The UTF-8 bytes of <see cref="ToCanonicalJson"/> (no byte-order mark).</summary>
    public byte[] ToCanonicalBytes() => StrictUtf8.GetBytes(ToCanonicalJson());

    /// <summary>SHA-256 of <see cref="ToCanonicalBytes"/>, lower-case hex: the recorded data hash.</summary>
    public string Sha256() => Convert.ToHexStringLower(SHA256.HashData(ToCanonicalBytes()));

    private DocumentData Set(string name, object? value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!_fields.TryAdd(name, value))
            throw new ArgumentException($"Field {name} is already in the data record.", nameof(name));
        return this;
    }

    private static void Write(StringBuilder sb, DocumentData data)
    {
        sb.Append('{');
        var first = true;
        foreach (var (name, value) in data._fields)
        {
            if (!first) sb.Append(',');
            first = false;
            WriteString(sb, name);
            sb.Append(':');
            WriteValue(sb, value);
        }
        sb.Append('}');
    }

    private static void WriteValue(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case null: sb.Append("null"); break;
            case string s: WriteString(sb, s); break;
            case long n: sb.Append(n.ToString(CultureInfo.InvariantCulture)); break;
            case bool b: sb.Append(b ? "true" : "false"); break;
            case DateOnly d: WriteString(sb, d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); break;
            case DocumentData nested: Write(sb, nested); break;
            case List<DocumentData> items:
                sb.Append('[');
                for (var i = 0; i < items.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    Write(sb, items[i]);
                }
                sb.Append(']');
                break;
            default: throw new InvalidOperationException($"Unsupported value type {value.GetType().Name}.");
        }
    }

    private static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\t': sb.Append("\\t"); break;
                case '\n': sb.Append("\\n"); break;
                case '\f': sb.Append("\\f"); break;
                case '\r': sb.Append("\\r"); break;
                case < ' ': sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: sb.Append(c); break;
            }
        }
        sb.Append('"');
    }
}
