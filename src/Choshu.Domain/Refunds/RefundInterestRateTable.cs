namespace Choshu.Domain.Refunds;

/// <summary>
/// The refund interest rates by calendar year. The table is data, like the late-fee rates: shipped with the
/// application and extended by an administrator in the store; a missing year is an error, never a default rate.
/// </summary>
public sealed class RefundInterestRateTable
{
    private readonly Dictionary<int, RefundInterestRate> _byYear = [];

    public RefundInterestRateTable(IEnumerable<RefundInterestRate> rates)
    {
        ArgumentNullException.ThrowIfNull(rates);
        foreach (var rate in rates)
        {
            ArgumentNullException.ThrowIfNull(rate);
            if (rate.BasisPoints < 0 || rate.BasisPoints > RefundInterestRules.StatutoryBasisPoints)
            {
                throw new DomainException(
                    "refundinterest.rate_invalid",
                    $"{rate.Year}年の還付加算金の割合が正しくありません（{rate.BasisPoints}。単位は0.01%で、0以上・7.3%以下であること）。");
            }

            if (!_byYear.TryAdd(rate.Year, rate))
            {
                throw new DomainException("refundinterest.rate_duplicate", $"{rate.Year}年の還付加算金の割合が重複して登録されています。");
            }
        }

        Rates = _byYear.Values.OrderBy(r => r.Year).ToArray().AsReadOnly();
    }

    /// <summary>All registered years, in year order.</summary>
    public IReadOnlyList<RefundInterestRate> Rates { get; }

    /// <summary>The rate of calendar year <paramref name="year"/>.</summary>
    public RefundInterestRate For(int year) =>
        _byYear.TryGetValue(year, out var rate)
            ? rate
            : throw new DomainException(
                "refundinterest.rate_missing",
                $"{year}年の還付加算金の割合が未登録のため、還付加算金を計算できません。管理者が{year}年の割合を登録してください。");
}
