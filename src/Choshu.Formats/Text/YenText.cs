using System.Globalization;

namespace Choshu.Formats.Text;

/// <summary>Amounts of yen as people read them: "1,234,567" and "1,234,567円" (negative "-1,234").</summary>
public static class YenText
{
    /// <summary>"1,234,567" (negative "-1,234").</summary>
    public static string Amount(long yen) => yen.ToString("#,0", CultureInfo.InvariantCulture);

    /// <summary>"1,234,567円".</summary>
    public static string Yen(long yen) => Amount(yen) + "円";
}
