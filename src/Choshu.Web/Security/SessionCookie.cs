namespace Choshu.Web.Security;

/// <summary>
/// The sign-in cookie. It holds only the random session token the sign-in service issued (the store
/// keeps its SHA-256 and everything else: who, since when, last seen). HttpOnly (no script can read
/// it), SameSite=Strict (no other site can make the browser send it), Path=/, no Domain, and a
/// session cookie (no Expires: gone when the browser closes; the server ends it after 15 idle
/// minutes anyway). Over HTTPS it is Secure and carries the <c>__Host-</c> prefix, which browsers
/// accept only on a Secure, host-only, Path=/ cookie.
/// </summary>
public static class SessionCookie
{
    public const string HttpName = "choshu_session";
    public const string HttpsName = "__Host-choshu_session";

    public static string NameFor(HttpRequest request) => request.IsHttps ? HttpsName : HttpName;

    public static string? Read(HttpRequest request) =>
        request.Cookies.TryGetValue(NameFor(request), out var token) && !string.IsNullOrWhiteSpace(token) ? token : null;

    public static void Write(HttpResponse response, HttpRequest request, string token) =>
        response.Cookies.Append(NameFor(request), token, Options(request));

    public static void Delete(HttpResponse response, HttpRequest request) =>
        response.Cookies.Delete(NameFor(request), Options(request));

    public static CookieOptions Options(HttpRequest request) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = request.IsHttps,
        Path = "/",
        IsEssential = true,
    };
}
