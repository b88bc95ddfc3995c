using Choshu.Formats.Csv;

namespace Choshu.Formats.Tests;

internal static class TestCsv
{
    /// <summary>All records of <paramref name="text"/>.</summary>
    public static List<CsvRecord> Records(string text) =>
        new CsvReader(new StringReader(text)).ReadRecords().ToList();

    /// <summary>The second record of "header\nline" read through a header mapped onto <paramref name="layout"/>.</summary>
    public static CsvRow Row(IReadOnlyList<CsvColumn> layout, string header, string line)
    {
        var records = Records(header + "\n" + line + "\n");
        return new CsvRow(records[1], CsvHeader.Map(records[0], layout, "test.csv"));
    }
}
