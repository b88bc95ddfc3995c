using Choshu.Domain.Security;

namespace Choshu.Data.Security;

/// <summary>
/// A role granted to one account for a period. Active on a Japan business date D when
/// ValidFrom ≤ D ≤ ValidTo (ValidTo null = open-ended) and not revoked: a right lapses on the
/// day after ValidTo with nobody acting. A revocation keeps the row (who, when, why).
/// </summary>
public sealed class RoleGrant
{
    public long Id { get; set; }
    public long AccountId { get; set; }
    public Role Role { get; set; }
    public DateOnly ValidFrom { get; set; }
    public DateOnly? ValidTo { get; set; }
    public string GrantedBy { get; set; } = "";
    public DateTime GrantedAtUtc { get; set; }
    public DateTime? RevokedAtUtc { get; set; }
    public string? RevokedBy { get; set; }
    public string? RevokeReason { get; set; }

    public bool IsActiveOn(DateOnly day) =>
        RevokedAtUtc is null && ValidFrom <= day && (ValidTo is null || day <= ValidTo.Value);
}
