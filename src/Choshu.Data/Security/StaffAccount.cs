using Microsoft.AspNetCore.Identity;

namespace Choshu.Data.Security;

/// <summary>
/// One person's user ID (seed III-3 リスク2: 個人ごとに認定されたID). The model has no shared or
/// generic account: every account is one staff number with one person's name, unique, and the
/// Identity user name is the staff number itself. Passwords, lockout and the TOTP key are
/// ASP.NET Core Identity's (the key and recovery codes are kept encrypted/hashed by our store).
/// </summary>
public sealed class StaffAccount : IdentityUser<long>
{
    /// <summary>職員番号: the person's staff number; also the Identity user name.</summary>
    public string StaffNo { get; set; } = "";
    /// <summary>氏名 of the one person this ID belongs to.</summary>
    public string FullName { get; set; } = "";
    /// <summary>課コード.</summary>
    public string DepartmentCode { get; set; } = "";
    /// <summary>係コード.</summary>
    public string SectionCode { get; set; } = "";
    /// <summary>First day the ID may be used.</summary>
    public DateOnly ValidFrom { get; set; }
    /// <summary>Last day the ID may be used (the day before a transfer or retirement takes effect); null while open-ended.</summary>
    public DateOnly? ValidTo { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public string CreatedBy { get; set; } = "";
    public DateTime? LastLoginAtUtc { get; set; }
    /// <summary>The TOTP time step last accepted: a code for this step or an earlier one is refused (replay).</summary>
    public long LastTotpTimeStep { get; set; }
    /// <summary>When the person finished TOTP enrollment; until then a login only leads to enrollment.</summary>
    public DateTime? TotpEnrolledAtUtc { get; set; }
    /// <summary>
    /// The password was set by an administrator (initial password, reset): it opens nothing but the
    /// person's own change of password (with TOTP enrollment at the first sign-in).
    /// </summary>
    public bool MustChangePassword { get; set; }
    /// <summary>
    /// When the password was last set or changed (creation, an administrator's reset, the person's own
    /// change, enrollment with a new password); not moved by a re-hash at sign-in. Once it is older
    /// than the setting <c>accounts.password_max_age_days</c> (Japan dates), sign-in opens only a
    /// change of password (seed III-3 リスク2: 定期的にパスワードの再設定を行っている).
    /// </summary>
    public DateTime PasswordChangedAtUtc { get; set; }
}
