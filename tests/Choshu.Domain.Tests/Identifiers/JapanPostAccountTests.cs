using Choshu.Domain;
using Choshu.Domain.DirectDebit;

namespace Choshu.Domain.Tests.Identifiers;

/// <summary>
/// ゆうちょ銀行 記号・番号 → Zengin form by the published rule: 通常貯金 店番 = 記号の2〜3桁目 + 8, 普通, 番号 without its trailing 1
/// zero-padded to 7; 振替口座 (記号 0…) 店番 = 記号の2〜3桁目 + 9, 当座, 番号 zero-padded to 7.
/// </summary>
public sealed class JapanPostAccountTests
{
    [Theory]
    [InlineData("10180", "12345671", "018", 1, "1234567")]
    [InlineData("14090", "1234561", "408", 1, "0123456")]
    [InlineData("17950", "00000011", "798", 1, "0000001")]
    [InlineData("01790", "123456", "179", 2, "0123456")]
    public void ToZengin_PublishedRule(string symbol, string number, string branch, short type, string account) =>
        Assert.Equal(new JapanPostAccount.ZenginForm(branch, type, account), JapanPostAccount.ToZengin(symbol, number));

    [Theory]
    [InlineData("1018", "12345671", "debit.jp_symbol")]
    [InlineData("20180", "12345671", "debit.jp_symbol")]
    [InlineData("10180", "12345670", "debit.jp_number")]
    [InlineData("10180", "123456781", "debit.jp_number")]
    [InlineData("01790", "12345678", "debit.jp_number")]
    public void ToZengin_NotOfThePublishedForm_Refused(string symbol, string number, string code) =>
        Assert.Equal(code, Assert.Throws<DomainException>(() => JapanPostAccount.ToZengin(symbol, number)).Code);

    [Fact]
    public void ZenginForm_BranchEndsWith8ForOrdinary9ForCurrent()
    {
        Assert.True(JapanPostAccount.IsValidZenginForm("018", 1));
        Assert.True(JapanPostAccount.IsValidZenginForm("179", 2));
        Assert.False(JapanPostAccount.IsValidZenginForm("018", 2));
        Assert.False(JapanPostAccount.IsValidZenginForm("012", 1));
    }
}
