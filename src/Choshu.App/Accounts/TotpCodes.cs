using Choshu.Data.Security;
using OtpNet;

namespace Choshu.App.Accounts;

/// <summary>
/// TOTP codes (RFC 6238: HMAC-SHA1, 30-second steps, 6 digits), checked with Otp.NET against the
/// injected clock, one step either side. Which step matched is what the replay guard compares with
/// <see cref="StaffAccount.LastTotpTimeStep"/>.
/// </summary>
public static class TotpCodes
{
    /// <summary>The time step the code is valid for (now ± one step), or null when it is not a current code.</summary>
    public static long? MatchStep(string base32Key, string? code, DateTimeOffset now)
    {
        var c = code?.Trim().Replace(" ", "", StringComparison.Ordinal);
        if (c is not { Length: AccountPolicy.TotpDigits } || !c.All(char.IsAsciiDigit)) return null;
        var totp = new Totp(Base32Encoding.ToBytes(base32Key), AccountPolicy.TotpStepSeconds, OtpHashMode.Sha1, AccountPolicy.TotpDigits);
        return totp.VerifyTotp(now.UtcDateTime, c, out var step, new VerificationWindow(AccountPolicy.TotpWindowSteps, AccountPolicy.TotpWindowSteps))
            ? step : null;
    }

    /// <summary>Whether the text has the shape of a TOTP code (6 digits) rather than a recovery code.</summary>
    public static bool LooksLikeTotp(string? code)
    {
        var c = code?.Trim().Replace(" ", "", StringComparison.Ordinal);
        return c is { Length: AccountPolicy.TotpDigits } && c.All(char.IsAsciiDigit);
    }

    /// <summary>
    /// The key-URI an authenticator app reads (the web shows it as a QR code):
    /// otpauth://totp/Choshu:STAFFNO?secret=KEY&amp;issuer=Choshu&amp;algorithm=SHA1&amp;digits=6&amp;period=30.
    /// It holds the secret: show it once to the person enrolling, never log or print it.
    /// </summary>
    public static string OtpauthUri(string staffNo, string base32Key) =>
        $"otpauth://totp/{Uri.EscapeDataString(AccountPolicy.TotpIssuer)}:{Uri.EscapeDataString(staffNo)}"
        + $"?secret={base32Key}&issuer={Uri.EscapeDataString(AccountPolicy.TotpIssuer)}"
        + $"&algorithm=SHA1&digits={AccountPolicy.TotpDigits}&period={AccountPolicy.TotpStepSeconds}";
}
