namespace Choshu.Domain.Identifiers;

internal static class IdentifierDigits
{
    /// <summary>True when every character is '0'..'9' (ASCII only: full-width digits are rejected).</summary>
    public static bool AllAsciiDigits(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}
