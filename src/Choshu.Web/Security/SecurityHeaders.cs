namespace Choshu.Web.Security;

/// <summary>
/// The headers every response carries, set just before it starts (so error pages, redirects,
/// 404s and static files get them too, even after the exception handler cleared the response).
/// Pages are never stored by the browser or a proxy (<c>Cache-Control: no-store</c>): any page may
/// show personal data. Only the embedded static assets under <c>/assets/</c> may be cached.
/// </summary>
public static class SecurityHeaders
{
    /// <summary>
    /// Only our own origin; no inline script or style (so no <c>'unsafe-inline'</c>); images from our
    /// origin only (the TOTP QR code is inline SVG markup, not a data: URI); never framed; forms post
    /// only to us; no &lt;base&gt;.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; font-src 'self'; " +
        "connect-src 'self'; object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";

    public const string PermissionsPolicy =
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

    /// <summary>Path prefix of the static assets (CSS), the only responses that may be cached.</summary>
    public const string AssetsPath = "/assets";

    public static IApplicationBuilder UseChoshuSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            context.Response.OnStarting(static state =>
            {
                Apply((HttpContext)state);
                return Task.CompletedTask;
            }, context);
            await next(context);
        });

    private static void Apply(HttpContext context)
    {
        var h = context.Response.Headers;
        h.ContentSecurityPolicy = ContentSecurityPolicy;
        h.XContentTypeOptions = "nosniff";
        h.XFrameOptions = "DENY";
        h["Referrer-Policy"] = "no-referrer";
        h["Permissions-Policy"] = PermissionsPolicy;
        h["Cross-Origin-Opener-Policy"] = "same-origin";
        h["Cross-Origin-Resource-Policy"] = "same-origin";
        if (context.Request.IsHttps)
            h.StrictTransportSecurity = "max-age=31536000";
        var isAsset = context.Request.Path.StartsWithSegments(AssetsPath) && context.Response.StatusCode == StatusCodes.Status200OK;
        if (isAsset)
        {
            h.CacheControl = "public, max-age=3600";
        }
        else
        {
            h.CacheControl = "no-store";
            h.Pragma = "no-cache";
            h.Expires = "0";
        }
    }
}
