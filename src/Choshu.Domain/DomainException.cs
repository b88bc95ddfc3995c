namespace Choshu.Domain;

/// <summary>
/// A rule of the domain was violated or its data is missing. <see cref="Exception.Message"/> is
/// in Japanese and meant for the clerk; <see cref="Code"/> is a stable machine-readable key
/// (for example "calendar.not_covered"). Messages never contain a My Number.
/// </summary>
public class DomainException : Exception
{
    public DomainException(string code, string message)
        : base(message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        Code = code;
    }

    public DomainException(string code, string message, Exception innerException)
        : base(message, innerException)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        Code = code;
    }

    /// <summary>Stable key of the rule that failed, e.g. "latefee.rate_missing".</summary>
    public string Code { get; }
}
