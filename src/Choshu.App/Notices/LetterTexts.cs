using Choshu.App.Settings;
using Choshu.Data.Notices;
using Choshu.Domain;

namespace Choshu.App.Notices;

/// <summary>
/// 例文: the texts of the letters, by kind, and the appeal instructions (教示, 行政不服審査法82条・行政事件訴訟法46条) every
/// disposition letter carries. A demand run may use several texts (<see cref="Demand"/>: first, second, final), chosen per
/// letter by how many demand letters the taxpayer has been sent before (see <see cref="DemandRuns"/>). Placeholders in
/// braces are filled per letter by <see cref="Fill"/>; an unknown placeholder is refused, so a text never prints braces.
/// </summary>
public static class LetterTexts
{
    /// <summary>A letter text: its name (chosen by staff), title and body.</summary>
    public sealed record LetterText(string Name, string Kind, string Title, string Body);

    public static readonly LetterText Reminder = new("督促状", NoticeRunKinds.Reminder, "督促状",
        "あなたの下記の市税は、納期限までに納付されていません。{法令}の規定により督促します。" +
        "\n指定期限 {指定期限} までに、この納付書で納付してください。納付がないときは、滞納処分（財産の差押え）を受けることがあります。" +
        "\n延滞金は指定期限までに納付された場合の額です。行き違いで納付済みの場合はご容赦ください。");

    public static readonly IReadOnlyList<LetterText> Demand =
    [
        new("催告書（初回）", NoticeRunKinds.Demand, "催告書",
            "下記の市税が、督促状を発した後も納付されていません。指定期限 {指定期限} までに、同封の納付書で納付してください。" +
            "\n納付が困難な事情があるときは、指定期限までに{担当}へご相談ください。" +
            "\nこの通知書と行き違いに納付された場合は、ご容赦ください。"),
        new("催告書（再）", NoticeRunKinds.Demand, "催告書",
            "下記の市税について、これまで催告しましたが、いまだに納付も連絡もありません。指定期限 {指定期限} までに必ず納付してください。" +
            "\n指定期限までに納付または相談がないときは、財産の調査を行い、差押えなどの滞納処分を行うことになります。"),
        new("最終催告書", NoticeRunKinds.Demand, "最終催告書",
            "下記の市税について、再三の催告にもかかわらず納付がありません。これが最後の催告です。" +
            "\n指定期限 {指定期限} までに納付がないときは、預貯金・給与・不動産などの財産の差押えを行います。"),
    ];

    public static readonly LetterText SeizureWarning = new("差押予告書", NoticeRunKinds.SeizureWarning, "差押予告書",
        "下記の市税は、督促状を発した日から起算して10日を経過した日までに完納されていないため、地方税法の規定により財産を差し押さえることができる状態にあります。" +
        "\n指定期限 {指定期限} までに完納されないとき、または{担当}への相談がないときは、予告なく差押えを執行します。");

    public static readonly LetterText DebitFailure = new("口座振替不能通知書", NoticeRunKinds.DebitFailure, "口座振替不能通知書",
        "下記の市税は、口座振替日 {振替日} に指定の口座から振替できませんでした（理由: {振替不能理由}）。" +
        "\nお手数ですが、指定期限 {指定期限} までに、この納付書で納付してください。次回以降の口座振替は引き続き行います。");

    public static readonly LetterText DebitDone = new("口座振替済通知書", NoticeRunKinds.DebitDone, "口座振替済通知書",
        "下記の市税は、口座振替日 {振替日} に指定の口座から振り替えました。この通知書は領収証書に代わるものです。大切に保管してください。");

    /// <summary>Every text, for lists and lookups.</summary>
    public static IEnumerable<LetterText> All => [Reminder, .. Demand, SeizureWarning, DebitFailure, DebitDone];

    /// <summary>The demand text named <paramref name="name"/>; refused in Japanese when there is none.</summary>
    public static LetterText Find(string kind, string name) =>
        All.FirstOrDefault(t => t.Kind == kind && t.Name == name)
        ?? throw new DomainException("notice.text_unknown",
            $"例文「{name}」はありません。使える例文: {string.Join("、", All.Where(t => t.Kind == kind).Select(t => t.Name))}。");

    /// <summary>
    /// 教示 of a disposition letter (a 督促 is a disposition: 審査請求 within 3 months to the head of the city, then the
    /// action for annulment within 6 months of the decision on it, 地方税法19条の12: 審査請求前置). Printed on every reminder.
    /// </summary>
    public static string AppealNotice(CitySettings city) =>
        $"1 この処分に不服がある場合は、処分があったことを知った日の翌日から起算して3か月以内に、{city.Office}に対して審査請求をすることができます" +
        "（処分の日の翌日から起算して1年を経過したときは、することができません。）。" +
        $"\n2 この処分の取消しの訴えは、審査請求に対する裁決の送達を受けた日の翌日から起算して6か月以内に、{city.Name}を被告として" +
        $"（訴訟において{city.Name}を代表する者は{city.Office}となります。）提起することができます。ただし、地方税法19条の12の規定により、審査請求に対する裁決を経た後でなければ提起できません" +
        "（審査請求の日の翌日から起算して3か月を経過しても裁決がないときなどを除きます。）。";

    /// <summary>Fills the placeholders of <paramref name="text"/>; an unknown placeholder is refused (a text never prints braces).</summary>
    public static string Fill(string text, IReadOnlyDictionary<string, string> values)
    {
        var sb = new System.Text.StringBuilder(text.Length + 64);
        var i = 0;
        while (i < text.Length)
        {
            var open = text.IndexOf('{', i);
            if (open < 0) { sb.Append(text, i, text.Length - i); break; }
            var close = text.IndexOf('}', open);
            if (close < 0) throw new DomainException("notice.text_invalid", $"例文の「{{」が閉じていません: {text[open..Math.Min(text.Length, open + 20)]}");
            sb.Append(text, i, open - i);
            var key = text[(open + 1)..close];
            if (!values.TryGetValue(key, out var v))
                throw new DomainException("notice.text_invalid", $"例文の差込項目「{{{key}}}」は使えません（使える項目: {string.Join("、", values.Keys.Select(k => "{" + k + "}"))}）。");
            sb.Append(v);
            i = close + 1;
        }
        return sb.ToString();
    }
}
