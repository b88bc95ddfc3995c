using Choshu.Formats.Assessments;
using Choshu.Formats.Csv;

namespace Choshu.Formats.Tests.Assessments;

public class AssessmentCsvTests
{
    private const string Header = "宛名番号,税目,調定年度,相当年度,通知書番号,期別,納期限,税額";

    // The rows shipped in tax_kinds (ChoshuDbContext seed data).
    private static readonly TaxKindNames Kinds = new(
    [
        ("01", "市民税", "市民税（普通徴収）|個人市民税|市県民税|市・県民税|個人住民税"),
        ("02", "固定資産税", "固定資産税・都市計画税|固定資産税都市計画税|固都税"),
        ("03", "軽自動車税", "軽自動車税種別割|軽自動車税（種別割）"),
        ("04", "法人市民税", "法人住民税"),
    ]);

    private static CsvParse<AssessmentRecord> Parse(string line, string header = Header) =>
        AssessmentCsv.Parse(TestCsv.Row(AssessmentCsv.Layout, header, line), Kinds);

    private static string Error(string line)
    {
        var parsed = Parse(line);
        Assert.Null(parsed.Value);
        return Assert.Single(parsed.Errors).ToString();
    }

    [Fact]
    public void Parse_FullLine_AllFieldsRead()
    {
        var r = Parse("100001,市民税,2026,2025,0000123,1,2026-06-30,\"12,300\"").Value!;

        Assert.Equal("100001", r.TaxpayerNo);
        Assert.Equal("01", r.TaxKindCode);
        Assert.Equal(2026, r.FiscalYear);
        Assert.Equal(2025, r.LiabilityYear);
        Assert.Equal("0000123", r.NoticeNo);
        Assert.Equal((short)1, r.Period);
        Assert.Equal(new DateOnly(2026, 6, 30), r.NominalDueDate);
        Assert.Equal(12_300, r.Amount);
        Assert.Null(r.AmendedOn);
    }

    [Theory]
    [InlineData("2025-05-31", 2025, 5, 31)]
    [InlineData("20250531", 2025, 5, 31)]
    public void Parse_StatutoryDueDateGiven_ReadAsWritten(string text, int y, int m, int d)
    {
        var r = Parse($"100001,市民税,2026,2025,0000123,0,2026-06-30,12300,{text}", Header + ",法定納期限").Value!;

        Assert.Equal(new DateOnly(y, m, d), r.NominalStatutoryDueDate);
    }

    [Fact]
    public void Parse_StatutoryDueDateEmptyOrColumnAbsent_Null()
    {
        Assert.Null(Parse("100001,市民税,2026,2026,0000123,1,2026-06-30,12300,", Header + ",法定納期限").Value!.NominalStatutoryDueDate);
        Assert.Null(Parse("100001,市民税,2026,2026,0000123,1,2026-06-30,12300").Value!.NominalStatutoryDueDate);
    }

    [Fact]
    public void Parse_StatutoryDueDateUnreadable_ErrorOnThatField()
    {
        var parsed = Parse("100001,市民税,2026,2025,0000123,0,2026-06-30,12300,2025-02-30", Header + ",法定納期限");

        Assert.Null(parsed.Value);
        var error = Assert.Single(parsed.Errors);
        Assert.Equal(("法定納期限", "日付として読めません（YYYY-MM-DD または YYYYMMDD）。"), (error.Field, error.Reason));
    }

    [Theory]
    [InlineData("市民税", "01")]
    [InlineData("01", "01")]
    [InlineData("1", "01")]
    [InlineData("固定資産税・都市計画税", "02")]
    [InlineData("固都税", "02")]
    [InlineData("軽自動車税(種別割)", "03")]   // half-width brackets match the alias written with full-width ones
    [InlineData("軽自動車税　種別割", "03")]
    [InlineData("04", "04")]
    [InlineData("法人住民税", "04")]
    public void Parse_TaxKindByNameAliasOrCode_Code(string text, string code)
    {
        Assert.Equal(code, Parse($"1,{text},2026,2026,N1,1,20260630,100").Value!.TaxKindCode);
    }

    [Fact]
    public void Parse_UnknownTaxKind_Error()
    {
        Assert.Equal("税目: 登録されていない税目です（税目名・別名、または2桁の税目コードで指定してください）。", Error("1,入湯税,2026,2026,N1,1,20260630,100"));
    }

    [Fact]
    public void Parse_AmendedOn_Read()
    {
        var r = Parse("1,01,2026,2026,N1,1,20260630,100,2026-07-15", Header + ",更正日").Value!;

        Assert.Equal(new DateOnly(2026, 7, 15), r.AmendedOn);
    }

    [Fact]
    public void Parse_YearNotFourDigits_Error()
    {
        Assert.Equal("調定年度: 西暦4桁の年度（例 2026）で指定してください。", Error("1,01,R8,2026,N1,1,20260630,100"));
    }

    [Fact]
    public void Parse_PeriodOutOfRange_Error()
    {
        Assert.Equal("期別: 0～99 の半角数字で指定してください。", Error("1,01,2026,2026,N1,100,20260630,100"));
    }

    [Fact]
    public void Parse_EmptyNoticeNo_Required()
    {
        Assert.Equal("通知書番号: 必須項目です（空欄にできません）。", Error("1,01,2026,2026,,1,20260630,100"));
    }

    [Fact]
    public void Parse_NegativeAmount_Error()
    {
        Assert.Equal("税額: 負の金額は指定できません。", Error("1,01,2026,2026,N1,1,20260630,-100"));
    }

    [Fact]
    public void Parse_BadDueDate_Error()
    {
        Assert.Equal("納期限: 日付として読めません（YYYY-MM-DD または YYYYMMDD）。", Error("1,01,2026,2026,N1,1,2026-06-31,100"));
    }

    [Fact]
    public void Parse_SeveralBadFields_OneErrorEach()
    {
        var parsed = Parse(",,,,,,,");

        Assert.Equal(["宛名番号", "税目", "調定年度", "相当年度", "通知書番号", "期別", "納期限", "税額"], parsed.Errors.Select(e => e.Field));
    }
}
