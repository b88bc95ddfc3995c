using Choshu.Domain;

namespace Choshu.App.Security;

/// <summary>An action refused for want of a right. The refusal has already been written to the audit log.</summary>
public sealed class AccessDeniedException(string message, bool rightsLapsed)
    : DomainException(rightsLapsed ? "access.lapsed" : "access.denied", message)
{
    /// <summary>The person once held a right that gave this, but it lapsed or was revoked.</summary>
    public bool RightsLapsed { get; } = rightsLapsed;
}
