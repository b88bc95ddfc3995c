using System.Globalization;
using Choshu.App.Audit;
using Choshu.Domain;
using Choshu.Domain.Taxpayers;

namespace Choshu.App.Privacy;

/// <summary>
/// What a search for a taxpayer may name (all given criteria must hold): 宛名番号 (exact), 通知書番号 of
/// one of the taxpayer's assessments (exact), kana name (part of 氏名かな or 通称名かな, any of full-width
/// katakana, hiragana or half-width katakana, or a mixture; see <see cref="KanaSearch"/>), kanji name (part
/// of 氏名 or 通称名), date of birth (exact), address (part of 町名・番地・方書), 電話番号 (exact, by its
/// digits: 099-224-1111 finds 0992241111) and 法人番号 (exact, 13 digits). Names and addresses are
/// compared folded (<see cref="TaxpayerSearchKeys"/>: NFKC, spaces removed, hiragana as katakana), the
/// numbers after NFKC (full-width digits typed are digits). A search by My Number is a separate call with
/// its own right.
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
    public string? Phone { get; init; }
    public string? CorporateNumber { get; init; }

    /// <summary>No criterion left once the terms are folded (a term of spaces or control characters only names nothing).</summary>
    public bool IsEmpty =>
        TaxpayerNoTerm is null && NoticeNoTerm is null && KanaTerm is null && KanjiTerm is null && BirthDate is null && AddressTerm is null
        && PhoneTerm is null && CorporateNumberTerm is null;

    /// <summary>宛名番号 as compared: NFKC, spaces removed; null when not given.</summary>
    internal string? TaxpayerNoTerm => NullIfEmpty(WithoutSpaces(TaxpayerNo));

    /// <summary>通知書番号 as compared: NFKC, spaces removed; null when not given.</summary>
    internal string? NoticeNoTerm => NullIfEmpty(WithoutSpaces(NoticeNo));

    /// <summary>電話番号 as compared: its digits only (<see cref="Data.Taxpayers.Taxpayer.PhoneDigits"/>); null when not given.</summary>
    internal string? PhoneTerm => Data.Taxpayers.Taxpayer.PhoneDigits(Phone);

    /// <summary>法人番号 as compared: NFKC, spaces and hyphens removed; null when not given.</summary>
    internal string? CorporateNumberTerm => NullIfEmpty(WithoutSpaces(CorporateNumber)?.Replace("-", "", StringComparison.Ordinal));

    /// <summary>The kana term folded as <c>search_kana</c> is (<see cref="TaxpayerSearchKeys.FoldKana"/>); null when not given.</summary>
    internal string? KanaTerm => NullIfEmpty(TaxpayerSearchKeys.FoldKana(NameKana));

    /// <summary>The kanji term folded as <c>search_kanji</c> is (<see cref="TaxpayerSearchKeys.FoldText"/>); null when not given.</summary>
    internal string? KanjiTerm => NullIfEmpty(TaxpayerSearchKeys.FoldText(NameKanji));

    /// <summary>The address term folded as <c>search_address</c> is (<see cref="TaxpayerSearchKeys.FoldAddress"/>); null when not given.</summary>
    internal string? AddressTerm => NullIfEmpty(TaxpayerSearchKeys.FoldAddress(Address));

    /// <summary>Refuses an empty search (it would list everyone) and over-long terms, in Japanese.</summary>
    public void Validate()
    {
        if (IsEmpty)
            throw new DomainException("search.empty", "検索条件を1つ以上入力してください（宛名番号、通知書番号、氏名かな、氏名、生年月日、住所、電話番号、法人番号）。");
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
        if (!string.IsNullOrWhiteSpace(Phone)) yield return ("電話番号", Phone.Trim());
        if (!string.IsNullOrWhiteSpace(CorporateNumber)) yield return ("法人番号", CorporateNumber.Trim());
    }

    private static string? WithoutSpaces(string? s) =>
        s is null ? null : string.Concat(s.Normalize(System.Text.NormalizationForm.FormKC).Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c)));

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    /// <summary>Replaces every run of 12 digits (half- or full-width) by twelve asterisks (<see cref="AuditText.MaskMyNumbers"/>).</summary>
    public static string MaskMyNumbers(string text) => AuditText.MaskMyNumbers(text);
}
