using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Choshu.Web.Security;

/// <summary>
/// No personal data in URLs. A page about one person (a taxpayer, a payment, a case) is addressed
/// by an opaque handle, never by a name, 宛名番号, 通知書番号, My Number or even the store's row id:
/// <c>/Taxpayers/View/{handle}</c>. The handle is the row id sealed with ASP.NET Core Data
/// Protection (AES-256-CBC + HMAC-SHA256) under a purpose that names the kind of record and the
/// signed-in session, so it means nothing outside that session: it cannot be guessed, enumerated,
/// bookmarked, shared with a colleague or replayed after logout, and a URL that leaks into a log or
/// the browser history reveals nobody. Search terms travel in POST bodies, never in a query string.
/// Keys are in memory (a restart makes old handles stale: the person searches again).
/// </summary>
public sealed class OpaqueIds(IDataProtectionProvider provider)
{
    private const string Purpose = "Choshu.Web.OpaqueId.v1";

    /// <summary>A handle for a row id.</summary>
    public string Protect(string kind, long id, long sessionId) =>
        Protect(kind, id.ToString(CultureInfo.InvariantCulture), sessionId);

    /// <summary>A handle for a key the use cases take (e.g. a 宛名番号 for <c>PersonalDataGate.ViewAsync</c>); the handle does not show it.</summary>
    public string Protect(string kind, string key, long sessionId) =>
        Protector(kind, sessionId).Protect(key);

    public bool TryUnprotect(string kind, string? handle, long sessionId, out long id)
    {
        id = 0;
        return TryUnprotect(kind, handle, sessionId, out string? text)
            && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out id);
    }

    /// <summary>The key sealed in the handle, when the handle was made for this kind in this session and is intact.</summary>
    public bool TryUnprotect(string kind, string? handle, long sessionId, [NotNullWhen(true)] out string? key)
    {
        key = null;
        if (string.IsNullOrWhiteSpace(handle) || handle.Length > 512) return false;
        try
        {
            key = Protector(kind, sessionId).Unprotect(handle);
            return true;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private IDataProtector Protector(string kind, long sessionId) =>
        provider.CreateProtector(Purpose, kind, sessionId.ToString(CultureInfo.InvariantCulture));
}
