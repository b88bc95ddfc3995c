using System.Text;
using Choshu.Formats.Zengin;

namespace Choshu.Formats.Tests.Zengin;

/// <summary>
/// Synthetic direct-debit data: a fictitious bank (0123 ｻﾝﾌﾟﾙｷﾞﾝｺｳ), invented names and numbers.
/// The lines are written out field by field so that a reader of the test can count the bytes.
/// </summary>
internal static class ZenginFixture
{
    public static readonly ZenginHeader Header =
        new("0000012345", "ﾁﾖｳｼﾕｳｼ", 10, 27, "0123", "ｻﾝﾌﾟﾙｷﾞﾝｺｳ", "001", "ﾎﾝﾃﾝ", 1, "1234567");

    // Amounts: 12,300 + 45,600 + 3,300 = 61,200.
    public static readonly ZenginDebitRecord[] Debits =
    [
        new("0123", "ｻﾝﾌﾟﾙｷﾞﾝｺｳ", "456", "ｴｷﾏｴ", 1, "0012345", "ﾔﾏﾀﾞ ﾀﾛｳ", 12_300, 0, "00000000202500000001"),
        new("0123", "ｻﾝﾌﾟﾙｷﾞﾝｺｳ", "456", "ｴｷﾏｴ", 1, "7654321", "ｽｽﾞｷ ﾊﾅｺ", 45_600, 1, "00000000202500000002"),
        new("0789", "ﾃｽﾄｼﾝｷﾝ", "012", "ﾐﾅﾐ", 2, "0000001", "ｶ)ﾁﾖｳｼﾕｳ", 3_300, 0, "00000000202500000003"),
    ];

    // 1 + 2 + 1 + 10 + 40 + 4 + 4 + 15 + 3 + 15 + 1 + 7 + 17 = 120
    public static readonly string HeaderLine =
        "1" + "91" + "0" + "0000012345" + "ﾁﾖｳｼﾕｳｼ".PadRight(40) + "1027"
        + "0123" + "ｻﾝﾌﾟﾙｷﾞﾝｺｳ".PadRight(15) + "001" + "ﾎﾝﾃﾝ".PadRight(15) + "1" + "1234567" + new string(' ', 17);

    public static readonly string EndLine = "9" + new string(' ', 119);

    /// <summary>A data record: 1 + 4 + 15 + 3 + 15 + 4 + 1 + 7 + 30 + 10 + 1 + 20 + 1 + 8 = 120.</summary>
    public static string DataLine(
        string bankCode, string bankName, string branchCode, string branchName, char accountType, string accountNo,
        string depositorName, string amount10, char newCode, string customerNo20, char resultCode) =>
        "2" + bankCode + bankName.PadRight(15) + branchCode + branchName.PadRight(15) + "    "
        + accountType + accountNo + depositorName.PadRight(30) + amount10 + newCode + customerNo20 + resultCode
        + new string(' ', 8);

    /// <summary>A trailer: 1 + 6 + 12 + 6 + 12 + 6 + 12 + 65 = 120.</summary>
    public static string TrailerLine(string totalCount6, string totalAmount12, string debitedCount6, string debitedAmount12, string failedCount6, string failedAmount12) =>
        "8" + totalCount6 + totalAmount12 + debitedCount6 + debitedAmount12 + failedCount6 + failedAmount12 + new string(' ', 65);

    /// <summary>
    /// A hand-written result file of 4 debits:
    /// record 2: 12,300 code 0; record 3: 45,600 code 1; record 4: 3,300 code 0; record 5: 8,000 code 2.
    /// Total 4 / 69,200; debited (code 0) 2 / 12,300 + 3,300 = 15,600; failed 2 / 45,600 + 8,000 = 53,600.
    /// </summary>
    public static string[] ResultLines(string? trailer = null) =>
    [
        HeaderLine,
        DataLine("0123", "ｻﾝﾌﾟﾙｷﾞﾝｺｳ", "456", "ｴｷﾏｴ", '1', "0012345", "ﾔﾏﾀﾞ ﾀﾛｳ", "0000012300", '0', "00000000202500000001", '0'),
        DataLine("0123", "ｻﾝﾌﾟﾙｷﾞﾝｺｳ", "456", "ｴｷﾏｴ", '1', "7654321", "ｽｽﾞｷ ﾊﾅｺ", "0000045600", '1', "00000000202500000002", '1'),
        DataLine("0789", "ﾃｽﾄｼﾝｷﾝ", "012", "ﾐﾅﾐ", '2', "0000001", "ｶ)ﾁﾖｳｼﾕｳ", "0000003300", '0', "00000000202500000003", '0'),
        DataLine("0789", "ﾃｽﾄｼﾝｷﾝ", "012", "ﾐﾅﾐ", '1', "0000002", "ｻﾄｳ ｼﾞﾛｳ", "0000008000", '0', "00000000202500000004", '2'),
        trailer ?? TrailerLine("000004", "000000069200", "000002", "000000015600", "000002", "000000053600"),
        EndLine,
    ];

    /// <summary>The lines in code page 932, each followed by CR LF unless <paramref name="lineBreaks"/> is false.</summary>
    public static byte[] Bytes(IEnumerable<string> lines, bool lineBreaks = true) =>
        ZenginEncoding.CodePage932.GetBytes(string.Concat(lines.Select(l => lineBreaks ? l + "\r\n" : l)));

    public static ZenginFileRead Read(byte[] bytes, ZenginFileKind kind, string fileName = "result.txt") =>
        ZenginReader.ReadAll(new MemoryStream(bytes), fileName, kind);

    public static byte[] WriteRequest(ZenginWriterOptions? options = null)
    {
        using var stream = new MemoryStream();
        ZenginWriter.WriteRequest(stream, Header, Debits, options ?? ZenginWriterOptions.Default);
        return stream.ToArray();
    }

    /// <summary>Record <paramref name="index"/> (0 = header) of a file written with CR LF, decoded.</summary>
    public static string RecordText(byte[] file, int index) =>
        ZenginEncoding.CodePage932.GetString(file, index * 122, 120);

    public static string Ascii(byte[] file, int offset, int count) => Encoding.ASCII.GetString(file, offset, count);
}
