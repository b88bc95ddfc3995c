using Choshu.Formats.Csv;

namespace Choshu.Formats.Tests.Csv;

public class CsvFieldsTests
{
    private static readonly CsvColumn[] Layout = [new("税額", true), new("納期限", true)];

    private static (long? Value, List<FieldError> Errors) Yen(string value)
    {
        var errors = new List<FieldError>();
        var v = CsvFields.Yen(TestCsv.Row(Layout, "税額,納期限", $"\"{value}\",2026-06-30"), "税額", required: true, errors);
        return (v, errors);
    }

    private static (DateOnly? Value, List<FieldError> Errors) Date(string value)
    {
        var errors = new List<FieldError>();
        var v = CsvFields.Date(TestCsv.Row(Layout, "税額,納期限", $"100,{value}"), "納期限", required: true, errors);
        return (v, errors);
    }

    [Theory]
    [InlineData("12300", 12300)]
    [InlineData("1,234,567", 1234567)]
    [InlineData("0", 0)]
    [InlineData("007", 7)]
    public void Yen_DigitsOrGroupedDigits_Amount(string text, long expected)
    {
        var (value, errors) = Yen(text);

        Assert.Equal(expected, value);
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("-100", "負の金額は指定できません。")]
    [InlineData("△100", "負の金額は指定できません。")]
    [InlineData("100.5", "円単位の整数で指定してください（小数点は使えません）。")]
    [InlineData("12,34", "金額として読めません（半角数字。3桁ごとのカンマは可）。")]
    [InlineData("１００", "金額として読めません（半角数字。3桁ごとのカンマは可）。")]
    [InlineData("¥100", "金額として読めません（半角数字。3桁ごとのカンマは可）。")]
    [InlineData("1234567890123456", "金額が大きすぎます。")]
    [InlineData("", "必須項目です（空欄にできません）。")]
    public void Yen_Invalid_ErrorInJapanese(string text, string reason)
    {
        var (value, errors) = Yen(text);

        Assert.Null(value);
        Assert.Equal(new FieldError("税額", reason), Assert.Single(errors));
    }

    [Theory]
    [InlineData("2026-05-03")]
    [InlineData("20260503")]
    public void Date_IsoOrCompact_Date(string text)
    {
        Assert.Equal(new DateOnly(2026, 5, 3), Date(text).Value);
    }

    [Theory]
    [InlineData("2026/05/03")]
    [InlineData("2026-02-30")]
    [InlineData("R8.5.3")]
    [InlineData("2026-5-3")]
    public void Date_OtherForms_Error(string text)
    {
        var (value, errors) = Date(text);

        Assert.Null(value);
        Assert.Equal("納期限: 日付として読めません（YYYY-MM-DD または YYYYMMDD）。", Assert.Single(errors).ToString());
    }
}
