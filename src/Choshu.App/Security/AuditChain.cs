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

    public static string ComputeHash(AuditEvent e)
    {
        var sb = new StringBuilder(256);
        void Field(string? v)
        {
            if (v is null) { sb.Append("-1:"); return; }
            sb.Append(v.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(v);
        }
        Field(e.Id.ToString(CultureInfo.InvariantCulture));
        Field(Normalize(e.OccurredAtUtc).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture));
        Field(e.OccurredAtJst);
        Field(((int)e.ActorKind).ToString(CultureInfo.InvariantCulture));
        Field(e.AccountId?.ToString(CultureInfo.InvariantCulture));
        Field(e.ActorName);
        Field(e.Terminal);
        Field(((int)e.Kind).ToString(CultureInfo.InvariantCulture));
        Field(((int)e.Outcome).ToString(CultureInfo.InvariantCulture));
        Field(e.TaxpayerId?.ToString(CultureInfo.InvariantCulture));
        Field(e.Purpose);
        Field(e.Detail);
        Field(e.PrevHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString())));
    }
}
