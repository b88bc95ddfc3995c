using System.Text;
using Choshu.Domain.Reconciliation;
using Choshu.Formats.Csv;
using Choshu.Formats.Payments;

namespace Choshu.Formats.Tests.Payments;

/// <summary>Builds payment files from lines and reads them in one pass.</summary>
internal static class PaymentTestFiles
{
    // 消込番号 (MatchKey: installment id zero-padded to 19 digits + Luhn check digit), worked out by hand:
    public const string Key1001 = "00000000000000010017";
    public const string Key1002 = "00000000000000010025";
    public const string Key1003 = "00000000000000010033";
    public const string Key2001 = "00000000000000020016";
    public const string Key2002 = "00000000000000020024";
    public const string Key3001 = "00000000000000030015";

    public static byte[] Utf8(params string[] lines) => Encoding.UTF8.GetBytes(string.Concat(lines.Select(l => l + "\r\n")));

    public static byte[] ShiftJis(params string[] lines) =>
        CsvTextEncoding.ShiftJis.Encoding.GetBytes(string.Concat(lines.Select(l => l + "\r\n")));

    public static (List<PaymentParse> Lines, PaymentFileCheck Check) Read(PaymentFileReader reader, byte[] file, string fileName)
    {
        var read = reader.Open(new MemoryStream(file), fileName);
        var lines = read.Lines.ToList();
        return (lines, read.Check);
    }

    public static PaymentRecord Record(PaymentParse line)
    {
        Assert.Empty(line.Errors);
        return Assert.IsType<PaymentRecord>(line.Record);
    }

    /// <summary>The key an auditor can check: <see cref="MatchKey"/> of the installment id, as the slip prints it.</summary>
    public static MatchKey Key(long installmentId) => new(installmentId);
}
