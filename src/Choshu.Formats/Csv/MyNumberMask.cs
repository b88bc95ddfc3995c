using Choshu.Domain.Identifiers;

namespace Choshu.Formats.Csv;

/// <summary>
/// Keeps My Numbers out of stored raw lines. Any run of exactly 12 half-width digits (not part of a
/// longer run of digits) whose last digit is a valid My Number check digit is replaced by twelve
/// asterisks, wherever it sits in the line: a My Number typed into the wrong column, or a line
/// whose columns have shifted, is masked too. About one in eleven other 12-digit numbers is
/// masked with them; that is the price of never storing a My Number by accident.
/// </summary>
public static class MyNumberMask
{
    public static string Apply(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        char[]? chars = null;
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                i++;
                continue;
            }
            var start = i;
            while (i < text.Length && char.IsAsciiDigit(text[i])) i++;
            if (i - start == MyNumber.Length && MyNumber.IsValid(text.Substring(start, MyNumber.Length)))
            {
                chars ??= text.ToCharArray();
                chars.AsSpan(start, MyNumber.Length).Fill('*');
            }
        }
        return chars is null ? text : new string(chars);
    }
}
