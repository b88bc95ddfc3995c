using System.Reflection;
using Choshu.Domain.Claims;
using Choshu.Domain.Labels;
using Choshu.Domain.Reconciliation;
using Choshu.Domain.Taxpayers;

namespace Choshu.Domain.Tests.Labels;

/// <summary>
/// The one catalogue of Japanese words: every defined value of every catalogued enum has a word of its own (not empty,
/// not its English name, which is the fallback of a missing entry) and no two values of one enum share a word.
/// </summary>
public class JapaneseLabelsTests
{
    /// <summary>Every <c>JapaneseLabels.Of(SomeEnum)</c> overload, found by reflection so a new one is checked too.</summary>
    public static TheoryData<string> Catalogued()
    {
        var data = new TheoryData<string>();
        foreach (var m in Overloads()) data.Add(m.GetParameters()[0].ParameterType.Name);
        return data;
    }

    private static IEnumerable<MethodInfo> Overloads() =>
        typeof(JapaneseLabels).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.Name == nameof(JapaneseLabels.Of) && m.GetParameters() is [{ ParameterType.IsEnum: true }]);

    [Theory, MemberData(nameof(Catalogued))]
    public void Of_EveryDefinedValue_HasItsOwnJapaneseWord(string enumName)
    {
        var method = Overloads().Single(m => m.GetParameters()[0].ParameterType.Name == enumName);
        var type = method.GetParameters()[0].ParameterType;
        var words = Enum.GetValues(type).Cast<object>()
            .Select(v => (Value: v.ToString()!, Word: (string)method.Invoke(null, [v])!)).ToList();

        Assert.All(words, w => Assert.False(string.IsNullOrWhiteSpace(w.Word) || w.Word == w.Value, $"{enumName}.{w.Value} has no Japanese word"));
        var shared = words.GroupBy(w => w.Word).Where(g => g.Count() > 1).Select(g => $"{g.Key}: {string.Join(", ", g.Select(w => w.Value))}");
        Assert.Empty(shared);
    }

    [Fact]
    public void Of_CataloguesTheClaimEnumsAndTheMoneyCodes()
    {
        var names = Overloads().Select(m => m.GetParameters()[0].ParameterType).ToHashSet();
        Assert.Superset(new HashSet<Type> { typeof(ClaimStatusKind), typeof(ClaimEventKind), typeof(DeliveryMethod), typeof(DefermentKind),
            typeof(StayGround), typeof(WriteOffGround), typeof(PaymentChannel), typeof(PaymentStatus), typeof(OverpaymentReason) }, names);
    }

    [Fact]
    public void Of_ClaimStatusKinds_AreTheIssueWords() =>
        Assert.Equal(["納期未到来", "未納", "督促済", "分納中", "猶予中", "差押中", "執行停止中", "時効", "欠損", "完納"],
            Enum.GetValues<ClaimStatusKind>().Select(JapaneseLabels.Of));

    [Fact]
    public void Of_ClaimEventKinds_AreTheIssueWords() =>
        Assert.Equal(["告知", "督促", "督促状返戻", "公示送達", "催告", "承認", "差押", "交付要求・参加差押", "猶予", "執行停止", "即時消滅", "不納欠損", "取消"],
            Enum.GetValues<ClaimEventKind>().Select(JapaneseLabels.Of));

    [Fact]
    public void Of_ResidencyOfACorporation_SaysContinuingOrDissolved()
    {
        Assert.Equal(("存続", "解散", "転出", "住登外"),
            (JapaneseLabels.Of(ResidencyStatus.Current, PersonKind.Corporation), JapaneseLabels.Of(ResidencyStatus.Deceased, PersonKind.Corporation),
             JapaneseLabels.Of(ResidencyStatus.MovedOut, PersonKind.Corporation), JapaneseLabels.Of(ResidencyStatus.NonResident, PersonKind.Corporation)));
        Assert.Equal(("現存", "死亡"), (JapaneseLabels.Of(ResidencyStatus.Current, PersonKind.Individual), JapaneseLabels.Of(ResidencyStatus.Deceased, PersonKind.Individual)));
    }
}
