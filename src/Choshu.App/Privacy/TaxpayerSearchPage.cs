using Choshu.Domain.Taxpayers;

namespace Choshu.App.Privacy;

/// <summary>One line of a search result: enough to tell people apart, never a My Number.</summary>
public sealed record TaxpayerSummary(
    string TaxpayerNo,
    PersonKind PersonKind,
    string NameKanji,
    string NameKana,
    DateOnly? BirthDate,
    string Address,
    ResidencyStatus ResidencyStatus);

/// <summary>One page of a search: the items of page <see cref="Page"/> (1-based) of <see cref="Size"/>, and how many matched in all.</summary>
public sealed record TaxpayerSearchPage(IReadOnlyList<TaxpayerSummary> Items, int Page, int Size, int Total)
{
    public int Pages => Total == 0 ? 0 : (Total + Size - 1) / Size;
}
