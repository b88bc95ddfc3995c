using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Choshu.Data.Security;

namespace Choshu.App.Security;

/// <summary>
/// The hash chain of the audit log: each record's hash covers the previous record's hash and every
/// field of its own, length-prefixed so no two field lists encode alike. Times are hashed at
/// microsecond precision (what PostgreSQL keeps).
/// </summary>
public static class AuditChain
{
    public static readonly string Genesis = new('0', 64);

    /// <summary>Truncates to whole microseconds, as both stores keep them.</summary>
    public static DateTime Normalize(DateTime utc) =>
        new(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);

    /// <summary>
    /// SHA-256 (lower-case hex) of the record's fields, each written as its length in UTF-16 code units, ':' and the
    /// text ("-1:" for none), in this order: id, time (UTC), time (Japan), actor kind, account, actor name, terminal,
    /// kind, outcome, taxpayer, purpose, detail, previous hash; the whole as UTF-8.
    /// </summary>
    public static string ComputeHash(AuditEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var sb = new StringBuilder(256);
        Field(sb, e.Id.ToString(CultureInfo.InvariantCulture));
        AppendBetween(sb, e);
        Field(sb, e.PrevHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }

    /// <summary>
    /// The part of <see cref="ComputeHash"/>'s input between the id and the previous hash (the record's own fields from its
    /// time to its detail), for a writer that learns the id and the previous hash only under the chain lock, in the store
    /// (<see cref="AuditLog"/> on PostgreSQL): it prefixes the id and appends the previous hash, both ASCII, in the same way.
    /// </summary>
    public static string HashInputBetween(AuditEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var sb = new StringBuilder(256);
        AppendBetween(sb, e);
        return sb.ToString();
    }

    private static void AppendBetween(StringBuilder sb, AuditEvent e)
    {
        Field(sb, Normalize(e.OccurredAtUtc).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        Field(sb, e.OccurredAtJst);
        Field(sb, ((int)e.ActorKind).ToString(CultureInfo.InvariantCulture));
        Field(sb, e.AccountId?.ToString(CultureInfo.InvariantCulture));
        Field(sb, e.ActorName);
        Field(sb, e.Terminal);
        Field(sb, ((int)e.Kind).ToString(CultureInfo.InvariantCulture));
        Field(sb, ((int)e.Outcome).ToString(CultureInfo.InvariantCulture));
        Field(sb, e.TaxpayerId?.ToString(CultureInfo.InvariantCulture));
        Field(sb, e.Purpose);
        Field(sb, e.Detail);
    }

    private static void Field(StringBuilder sb, string? v)
    {
        if (v is null) { sb.Append("-1:"); return; }
        sb.Append(v.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(v);
    }
}
