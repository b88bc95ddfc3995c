using System.Globalization;
using Choshu.App.Audit;
using Choshu.Domain;

namespace Choshu.App.Privacy;

/// <summary>
/// What a search for a taxpayer may name (all given criteria must hold): 宛名番号 (exact), 通知書番号 of
/// one of the taxpayer's assessments (exact), kana name (part of 氏名かな or 通称名かな, any of full-width
/// katakana, hiragana or half-width katakana; see <see cref="KanaSearch"/>), kanji name (part of 氏名 or
/// 通称名), date of birth (exact) and address (part of 町名・番地・方書). Spaces are ignored in names and
/// addresses. A search by My Number is a separate call with its own right.
/// </summary>
public sealed record TaxpayerSearchCriteria
{
    public const int MaxLength = 100;

    public string? TaxpayerNo { get; init; }
    public string? NoticeNo { get; init; }
    public string? NameKana { get; init; }
    public string? NameKanji { get; init; }
    public DateOnly? BirthDate { get; init; }
    public string? Address { get; init; }

    public bool IsEmpty =>
        string.IsNullOrWhiteSpace(TaxpayerNo) && string.IsNullOrWhiteSpace(NoticeNo) && string.IsNullOrWhiteSpace(NameKana)
        && string.IsNullOrWhiteSpace(NameKanji) && BirthDate is null && string.IsNullOrWhiteSpace(Address);

    /// <summary>Refuses an empty search (it would list everyone) and over-long terms, in Japanese.</summary>
    public void Validate()
    {
        if (IsEmpty)
            throw new DomainException("search.empty", "検索条件を1つ以上入力してください（宛名番号、通知書番号、氏名かな、氏名、生年月日、住所）。");
        foreach (var (name, value) in Terms())
            if (value.Length > MaxLength)
                throw new DomainException("search.too_long", $"{name}は{MaxLength}文字以内で入力してください。");
    }

    /// <summary>
    /// The criteria as the audit record keeps them. A term that could be a My Number (12 digits,
    /// wherever it was typed) is written as asterisks: the log never holds one.
    /// </summary>
    public string Describe()
    {
        var parts = Terms().Select(t => $"{t.Name}={MaskMyNumbers(t.Value)}").ToList();
        if (BirthDate is { } b) parts.Add("生年月日=" + b.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return string.Join(" ", parts);
    }

    private IEnumerable<(string Name, string Value)> Terms()
    {
        if (!string.IsNullOrWhiteSpace(TaxpayerNo)) yield return ("宛名番号", TaxpayerNo.Trim());
        if (!string.IsNullOrWhiteSpace(NoticeNo)) yield return ("通知書番号", NoticeNo.Trim());
        if (!string.IsNullOrWhiteSpace(NameKana)) yield return ("氏名かな", NameKana.Trim());
        if (!string.IsNullOrWhiteSpace(NameKanji)) yield return ("氏名", NameKanji.Trim());
        if (!string.IsNullOrWhiteSpace(Address)) yield return ("住所", Address.Trim());
    }

    /// <summary>Replaces every run of 12 digits (half- or full-width) by twelve asterisks (<see cref="AuditText.MaskMyNumbers"/>).</summary>
    public static string MaskMyNumbers(string text) => AuditText.MaskMyNumbers(text);
}
