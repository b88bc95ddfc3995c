using Choshu.Domain.Taxpayers;
using Choshu.Formats.Csv;
using Choshu.Formats.Taxpayers;

namespace Choshu.Formats.Tests.Taxpayers;

/// <summary>
/// One line of the taxpayer CSV. My Numbers are never theory data, so none appears in a test name.
/// </summary>
public class TaxpayerCsvTests
{
    private const string Header = "宛名番号,氏名漢字,氏名かな,生年月日,性別,郵便番号,町名,番地,方書,個人番号,法人番号";
    private const string ValidMyNumber = "621498320257";
    private const string ValidCorporateNumber = "5835678256246";
    private static readonly DateOnly Today = new(2026, 4, 1);

    private static CsvParse<TaxpayerRecord> Parse(string line, string header = Header) =>
        TaxpayerCsv.Parse(TestCsv.Row(TaxpayerCsv.Layout, header, line), Today);

    private static string Error(string line, string header = Header)
    {
        var parsed = Parse(line, header);
        Assert.Null(parsed.Value);
        return Assert.Single(parsed.Errors).ToString();
    }

    [Fact]
    public void Parse_FullIndividual_AllFieldsRead()
    {
        var r = Parse($"100001,鹿児島　太郎,カゴシマ　タロウ,1980-04-01,男,892-0816,鹿児島県鹿児島市山下町,11-1,\"ビル 3F, 301\",{ValidMyNumber},").Value!;

        Assert.Equal("100001", r.TaxpayerNo);
        Assert.Equal(PersonKind.Individual, r.PersonKind);
        Assert.Equal("鹿児島　太郎", r.NameKanji);
        Assert.Equal("カゴシマ　タロウ", r.NameKana);
        Assert.Equal(new DateOnly(1980, 4, 1), r.BirthDate);
        Assert.Equal(Sex.Male, r.Sex);
        Assert.Equal("8920816", r.PostalCode);
        Assert.Equal("鹿児島県鹿児島市山下町", r.TownName);
        Assert.Equal("11-1", r.StreetNumber);
        Assert.Equal("ビル 3F, 301", r.AddressSupplement);
        Assert.Equal(ValidMyNumber, r.MyNumber!.Value.Reveal());
        Assert.Null(r.CorporateNumber);
        Assert.Equal(ResidencyStatus.Current, r.ResidencyStatus);
        Assert.Equal(Today, r.EffectiveDate);
        Assert.False(r.MailReturned);
    }

    [Fact]
    public void Parse_CorporateNumberAndNoBirthDate_CorporationByDefault()
    {
        var r = Parse($"200001,桜島商事株式会社,サクラジマショウジ,,,8920816,鹿児島県鹿児島市山下町,1-2,,,{ValidCorporateNumber}").Value!;

        Assert.Equal(PersonKind.Corporation, r.PersonKind);
        Assert.Equal(ValidCorporateNumber, r.CorporateNumber!.Value.Value);
        Assert.Null(r.Sex);
    }

    [Theory]
    [InlineData("男", Sex.Male)]
    [InlineData("1", Sex.Male)]
    [InlineData("女", Sex.Female)]
    [InlineData("2", Sex.Female)]
    public void Parse_SexAsKanjiOrCode_Sex(string text, Sex expected)
    {
        Assert.Equal(expected, Parse($"1,山田,ヤマダ,19800401,{text},,,,,,").Value!.Sex);
    }

    [Fact]
    public void Parse_CompactDateAndPostalCodeWithoutHyphen_Read()
    {
        var r = Parse("1,山田,ヤマダ,19800401,女,8920816,,,,,").Value!;

        Assert.Equal(new DateOnly(1980, 4, 1), r.BirthDate);
        Assert.Equal("8920816", r.PostalCode);
    }

    [Fact]
    public void Parse_OptionalColumns_Read()
    {
        const string header = Header + ",人格区分,通称名漢字,通称名かな,世帯番号,現存区分,市区町村コード,代表者肩書,代表者氏名,支所コード,地区コード,郵便返却区分,適用日,登録事由,団体内統合宛名番号";
        var r = Parse($"1,山田,ヤマダ,19800401,女,,,,,,,1,李 花子,リ ハナコ,5001,2,462012,,,01,A3,1,2026-03-15,転出,9000001", header).Value!;

        Assert.Equal("李 花子", r.AliasKanji);
        Assert.Equal("リ ハナコ", r.AliasKana);
        Assert.Equal("5001", r.HouseholdNo);
        Assert.Equal(ResidencyStatus.MovedOut, r.ResidencyStatus);
        Assert.Equal("462012", r.MunicipalityCode);
        Assert.Equal("01", r.BranchCode);
        Assert.Equal("A3", r.DistrictCode);
        Assert.True(r.MailReturned);
        Assert.Equal(new DateOnly(2026, 3, 15), r.EffectiveDate);
        Assert.Equal("転出", r.Reason);
        Assert.Equal("9000001", r.IntegratedNo);
    }

    [Theory]
    [InlineData("099-224-1111", "099-224-1111")]
    [InlineData("０９０（１２３４）５６７８", "090(1234)5678")]
    [InlineData("", null)]
    public void Parse_PhoneNumber_KeptAsNfkcText(string given, string? expected)
    {
        Assert.Equal(expected, Parse($"1,山田,ヤマダ,19800401,女,,,,,,,{given}", Header + ",電話番号").Value!.PhoneNumber);
    }

    [Fact]
    public void Parse_PhoneNumberNineDigits_Error()
    {
        Assert.Equal("電話番号: 電話番号は 099-224-1111 のように、10桁または11桁の数字とハイフンで指定してください。",
            Error("1,山田,ヤマダ,19800401,女,,,,,,,099-224-111", Header + ",電話番号"));
    }

    [Fact]
    public void Parse_EmptyTaxpayerNo_Required()
    {
        Assert.Equal("宛名番号: 必須項目です（空欄にできません）。", Error(",山田,ヤマダ,19800401,男,,,,,,"));
    }

    [Fact]
    public void Parse_TaxpayerNoNotDigits_Error()
    {
        Assert.Equal("宛名番号: 半角数字1～15桁で指定してください。", Error("A-1,山田,ヤマダ,19800401,男,,,,,,"));
    }

    [Fact]
    public void Parse_EmptyNameKana_Required()
    {
        Assert.Equal("氏名かな: 必須項目です（空欄にできません）。", Error("1,山田,,19800401,男,,,,,,"));
    }

    [Fact]
    public void Parse_NameTooLong_Error()
    {
        Assert.Equal("氏名漢字: 100文字以内で指定してください（101文字あります）。", Error($"1,{new string('山', 101)},ヤマダ,,,,,,,,"));
    }

    [Fact]
    public void Parse_BadBirthDate_Error()
    {
        Assert.Equal("生年月日: 日付として読めません（YYYY-MM-DD または YYYYMMDD）。", Error("1,山田,ヤマダ,1980-13-01,男,,,,,,"));
    }

    [Fact]
    public void Parse_BadSex_Error()
    {
        Assert.Equal("性別: 男・女 または 1・2 で指定してください。", Error("1,山田,ヤマダ,19800401,M,,,,,,"));
    }

    [Fact]
    public void Parse_BadPostalCode_Error()
    {
        Assert.Equal("郵便番号: 半角数字7桁（例 8920816 または 892-0816）で指定してください。", Error("1,山田,ヤマダ,19800401,男,89-20816,,,,,"));
    }

    [Fact]
    public void Parse_MyNumberWrongCheckDigit_ErrorWithoutTheValue()
    {
        var bad = ValidMyNumber[..11] + "8";

        var message = Error($"1,山田,ヤマダ,19800401,男,,,,,{bad},");

        Assert.Equal("個人番号: チェックデジットが正しくありません。", message);
        Assert.DoesNotContain(bad, message);
    }

    [Fact]
    public void Parse_MyNumberElevenDigits_Error()
    {
        Assert.Equal("個人番号: 半角数字12桁で指定してください。", Error($"1,山田,ヤマダ,19800401,男,,,,,{ValidMyNumber[..11]},"));
    }

    [Fact]
    public void Parse_CorporateNumberWrongCheckDigit_Error()
    {
        var bad = "6" + ValidCorporateNumber[1..];

        Assert.Equal("法人番号: チェックデジットが正しくありません。", Error($"1,桜島商事,サクラジマ,,,,,,,,{bad}"));
    }

    [Fact]
    public void Parse_CorporationWithMyNumberAndSex_TwoErrors()
    {
        var parsed = Parse($"1,桜島商事,サクラジマ,,男,,,,,{ValidMyNumber},{ValidCorporateNumber}");

        Assert.Equal(
            ["性別: 法人には性別を指定できません。", "個人番号: 法人には個人番号を指定できません（法人番号の列に指定してください）。"],
            parsed.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Parse_BadPersonKindResidencyAndMailReturned_Errors()
    {
        const string header = Header + ",人格区分,現存区分,郵便返却区分";
        var parsed = Parse("1,山田,ヤマダ,19800401,男,,,,,,,3,5,2", header);

        Assert.Equal(
            [
                "人格区分: 1（個人）または 2（法人）で指定してください。",
                "現存区分: 1（現存）・2（転出）・3（死亡・解散）・4（住登外）のいずれかで指定してください。",
                "郵便返却区分: 0（なし）または 1（返却あり）で指定してください。",
            ],
            parsed.Errors.Select(e => e.ToString()).Order());
    }

    [Fact]
    public void Parse_BadMunicipalityCode_Error()
    {
        Assert.Equal("市区町村コード: 半角数字6桁で指定してください。", Error("1,山田,ヤマダ,19800401,男,,,,,,,46201", Header + ",市区町村コード"));
    }

    [Fact]
    public void RawTextForStorage_MyNumberColumn_MaskedWhateverItHolds()
    {
        var records = TestCsv.Records($"{Header}\n1,山田,ヤマダ,19800401,男,,,,,{ValidMyNumber[..11]},\n");
        var header = CsvHeader.Map(records[0], TaxpayerCsv.Layout, "tp.csv");

        var raw = TaxpayerCsv.RawTextForStorage(records[1], header);

        Assert.Equal("1,山田,ヤマダ,19800401,男,,,,,***********,", raw);
    }

    [Fact]
    public void RawTextForStorage_MyNumberInAnotherColumn_Masked()
    {
        var records = TestCsv.Records($"{Header}\n1,山田,ヤマダ,19800401,男,,,,{ValidMyNumber},,\n");
        var header = CsvHeader.Map(records[0], TaxpayerCsv.Layout, "tp.csv");

        Assert.DoesNotContain(ValidMyNumber, TaxpayerCsv.RawTextForStorage(records[1], header));
    }

    // Issue 18: 9999-01-01 would print as 令和7981年; a birth date after today (2026-04-01) or before 1890 is refused.
    [Theory]
    [InlineData("9999-01-01", "生年月日: 未来の生年月日です（年を確かめてください）。")]
    [InlineData("2026-04-02", "生年月日: 未来の生年月日です（年を確かめてください）。")]
    [InlineData("0001-01-01", "生年月日: 1890年より前の生年月日は受け付けません（年を確かめてください）。")]
    public void Parse_ImplausibleBirthDate_Refused(string birth, string error) =>
        Assert.Equal(error, Error($"1,山田,ヤマダ,{birth},男,,,,,,"));
}
