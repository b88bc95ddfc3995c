using Choshu.Formats.Zengin;

namespace Choshu.Formats.Tests.Zengin;

public class ZenginLayoutTests
{
    public static TheoryData<string, int[]> Widths => new()
    {
        // header: 1 + 2 + 1 + 10 + 40 + 4 + 4 + 15 + 3 + 15 + 1 + 7 + 17 = 120
        { "header", [1, 2, 1, 10, 40, 4, 4, 15, 3, 15, 1, 7, 17] },
        // data: 1 + 4 + 15 + 3 + 15 + 4 + 1 + 7 + 30 + 10 + 1 + 20 + 1 + 8 = 120
        { "data", [1, 4, 15, 3, 15, 4, 1, 7, 30, 10, 1, 20, 1, 8] },
        // trailer: 1 + 6 + 12 + 6 + 12 + 6 + 12 + 65 = 120
        { "trailer", [1, 6, 12, 6, 12, 6, 12, 65] },
        // end: 1 + 119 = 120
        { "end", [1, 119] },
    };

    private static IReadOnlyList<ZenginField> Fields(string record) => record switch
    {
        "header" => ZenginLayout.Header.Fields,
        "data" => ZenginLayout.Data.Fields,
        "trailer" => ZenginLayout.Trailer.Fields,
        _ => ZenginLayout.End.Fields,
    };

    [Theory]
    [MemberData(nameof(Widths))]
    public void Fields_EachRecord_WidthsAsSpecifiedAndSumTo120(string record, int[] widths)
    {
        var fields = Fields(record);

        Assert.Equal(widths, fields.Select(f => f.Width).ToArray());
        Assert.Equal(120, fields.Sum(f => f.Width));
        Assert.Equal(ZenginLayout.RecordLength, fields.Sum(f => f.Width));
    }

    [Theory]
    [InlineData("header")]
    [InlineData("data")]
    [InlineData("trailer")]
    [InlineData("end")]
    public void Fields_EachRecord_ContiguousFromOffset0To120(string record)
    {
        var fields = Fields(record);

        var expectedOffset = 0;
        foreach (var field in fields)
        {
            Assert.Equal(expectedOffset, field.Offset);
            expectedOffset = field.End;
        }

        Assert.Equal(120, expectedOffset);
    }

    [Fact]
    public void DataAmount_At80Width10()
    {
        Assert.Equal(80, ZenginLayout.Data.Amount.Offset);
        Assert.Equal(10, ZenginLayout.Data.Amount.Width);
        Assert.Equal(111, ZenginLayout.Data.ResultCode.Offset);
    }

    [Theory]
    [InlineData(ZenginResultCode.Debited, 0, "振替済")]
    [InlineData(ZenginResultCode.InsufficientFunds, 1, "資金不足")]
    [InlineData(ZenginResultCode.NoSuchAccount, 2, "取引なし")]
    [InlineData(ZenginResultCode.StoppedByDepositor, 3, "預金者の都合による振替停止")]
    [InlineData(ZenginResultCode.NoAuthorisation, 4, "依頼書なし")]
    [InlineData(ZenginResultCode.StoppedByBiller, 8, "委託者の都合による振替停止")]
    [InlineData(ZenginResultCode.Other, 9, "その他")]
    public void ResultCode_NumberAndDisplayName(ZenginResultCode code, int number, string name)
    {
        Assert.Equal(number, (int)code);
        Assert.Equal(name, code.ToDisplayName());
    }
}
