using System.Text;
using Choshu.Formats.Withholding;

namespace Choshu.Formats.Tests.Withholding;

/// <summary>The pension relay layouts (<see cref="PensionRelayFile"/>, docs/formats.md "年金特別徴収 依頼・結果"): a request written field by field, a result read with each bad field named.</summary>
public sealed class PensionRelayFileTests
{
    private static PensionResultRead Read(params string[] lines) =>
        PensionRelayFile.Instance.ReadResult(new MemoryStream(Encoding.UTF8.GetBytes(string.Join("\r\n", lines) + "\r\n")));

    [Fact]
    public void WriteRequest_HeaderAndOneLinePerPensioner_CrLf()
    {
        using var ms = new MemoryStream();
        PensionRelayFile.Instance.WriteRequest(ms, new PensionRequest(new DateOnly(2026, 1, 20), "462012", "001", 2026,
            [new PensionRequestLine("1234567890-1150", "カゴシマ ハナコ", new DateOnly(1950, 4, 1), 61_000, 30_000, [10_000, 10_000, 10_000, 10_400, 10_300, 10_300]),
             new PensionRequestLine("2345678901-1150", "サツマ タロウ", null, 36_000, 18_000, [6_000, 6_000, 6_000, 6_000, 6_000, 6_000])]));
        Assert.Equal("H,20260120,462012,001,2026,2,97000\r\n"
            + "D,1234567890-1150,カゴシマ ハナコ,19500401,61000,30000,31000,10000,10000,10000,10400,10300,10300\r\n"
            + "D,2345678901-1150,サツマ タロウ,,36000,18000,18000,6000,6000,6000,6000,6000,6000\r\n", Encoding.UTF8.GetString(ms.ToArray()));
    }

    [Fact]
    public void ReadResult_GoodRemittance_WithheldAndNotWithheldLines()
    {
        var r = Read("H,NK-1,001,202610,20261110,20261112,10400", "D,NK-1,1234567890-1150,10400,", "D,NK-1,2345678901-1150,0,2");
        var one = Assert.Single(r.Remittances);
        Assert.Empty(r.Errors);
        Assert.Equal(("NK-1", "001", 2026, 10, new DateOnly(2026, 11, 10), new DateOnly(2026, 11, 12), 10_400L), (one.ReceiptNo, one.PayerCode, one.Year, one.Month, one.PaidOn, one.ReceivedOn, one.Amount));
        Assert.Equal([("1234567890-1150", 10_400L, (short?)null), ("2345678901-1150", 0L, (short?)2)], one.Details.Select(d => (d.PensionNo, d.Amount, d.Reason)).ToList());
    }

    [Theory]
    [InlineData("H,NK-1,01,202610,20261110,20261110,100|D,NK-1,P1,100,", 1, "特別徴収義務者コード")]
    [InlineData("H,NK-1,001,202609,20261110,20261110,100|D,NK-1,P1,100,", 1, "徴収年月")]
    [InlineData("H,NK-1,001,202610,20261131,20261110,100|D,NK-1,P1,100,", 1, "納付日")]
    [InlineData("H,NK-1,001,202610,20261110,20261109,100|D,NK-1,P1,100,", 1, "収入日")]
    [InlineData("H,NK-1,001,202610,20261110,20261110,200|D,NK-1,P1,100,", 1, "納入額")]
    [InlineData("H,NK-1,001,202610,20261110,20261110,100|D,NK-1,P1,100,1", 2, "未徴収理由")]
    [InlineData("H,NK-1,001,202610,20261110,20261110,0|D,NK-1,P1,0,", 2, "未徴収理由")]
    [InlineData("H,NK-1,001,202610,20261110,20261110,0|D,NK-1,P1,0,5", 2, "未徴収理由")]
    [InlineData("H,NK-1,001,202610,20261110,20261110,100|D,NK-2,P1,100,", 2, "受付番号")]
    [InlineData("H,NK-1,001,202610,20261110,20261110,200|D,NK-1,P1,100,|D,NK-1,P1,100,", 3, "年金番号")]
    [InlineData("H,NK-1,001,202610,20261110,20261110,100|D,NK-1,P1,100", 2, "レコード")]
    public void ReadResult_BadField_WholeRemittanceHeld_TheFieldNamed(string file, int line, string field)
    {
        var r = Read(file.Split('|'));
        Assert.Empty(r.Remittances);
        Assert.Contains(r.Errors, e => e.LineNo == line && e.Field == field);
        Assert.Equal(file.Split('|').Length, r.Errors.Select(e => e.LineNo).Distinct().Count());
    }

    /// <summary>
    /// Both remittance files read only UTF-8: a Shift_JIS line (カ = 0x83 0x4A, invalid as UTF-8) on line 2 takes nothing of the
    /// file and names that line.
    /// </summary>
    [Fact]
    public void ReadResult_And_EmployerRead_NotUtf8_NothingTaken_LineNamed()
    {
        var bytes = Encoding.ASCII.GetBytes("H,NK-1,001,202610,20261110,20261110,100\r\nD,NK-1,P1,100,")
            .Concat(new byte[] { 0x83, 0x4A }).Concat(Encoding.ASCII.GetBytes("\r\n")).ToArray();
        var pension = PensionRelayFile.Instance.ReadResult(new MemoryStream(bytes));
        var employer = EmployerPaymentFile.Read(new MemoryStream(bytes));
        foreach (var (remittances, errors) in new[] { (pension.Remittances.Count, pension.Errors), (employer.Remittances.Count, employer.Errors) })
        {
            Assert.Equal(0, remittances);
            var e = Assert.Single(errors);
            Assert.Equal(2, e.LineNo);
            Assert.Contains("UTF-8 として読めません", e.Reason, StringComparison.Ordinal);
        }
    }
}
