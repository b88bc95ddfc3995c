namespace Choshu.Domain.LateFees;

/// <summary>
/// The late-fee rate pairs by calendar year (延滞金特例基準割合 based). The table is data: an
/// administrator adds a new year's pair; a missing year is an error, never a default rate.
/// </summary>
public sealed class LateFeeRateTable
{
    private readonly Dictionary<int, LateFeeRate> _byYear;

    public LateFeeRateTable(IEnumerable<LateFeeRate> rates)
    {
        ArgumentNullException.ThrowIfNull(rates);
        _byYear = new Dictionary<int, LateFeeRate>();
        foreach (var rate in rates)
        {
            ArgumentNullException.ThrowIfNull(rate);
            if (rate.LowerBasisPoints < 0 || rate.HigherBasisPoints < 0
                || rate.LowerBasisPoints > LateFeeRules.StatutoryLowerBasisPoints
                || rate.HigherBasisPoints > LateFeeRules.StatutoryHigherBasisPoints
                || rate.LowerBasisPoints > rate.HigherBasisPoints)
            {
                throw new DomainException(
                    "latefee.rate_invalid",
                    $"{rate.Year}年の延滞金の割合が正しくありません（1か月以内 {rate.LowerBasisPoints}、1か月超 {rate.HigherBasisPoints}。単位は0.01%で、0以上・7.3%/14.6%以下・1か月以内≦1か月超であること）。");
            }

            if (rate.DefermentBasisPoints is { } cap && (cap < 0 || cap > LateFeeRules.StatutoryLowerBasisPoints))
            {
                throw new DomainException(
                    "latefee.deferment_rate_invalid",
                    $"{rate.Year}年の猶予特例基準割合が正しくありません（{cap}。単位は0.01%で、0以上7.3%以下であること）。");
            }

            if (!_byYear.TryAdd(rate.Year, rate))
            {
                throw new DomainException(
                    "latefee.rate_duplicate",
                    $"{rate.Year}年の延滞金の割合が重複して登録されています。");
            }
        }

        Rates = _byYear.Values.OrderBy(r => r.Year).ToArray().AsReadOnly();
    }

    /// <summary>All registered years, in year order.</summary>
    public IReadOnlyList<LateFeeRate> Rates { get; }

    /// <summary>The rate pair of calendar year <paramref name="year"/>.</summary>
    public LateFeeRate For(int year)
    {
        if (_byYear.TryGetValue(year, out var rate))
        {
            return rate;
        }

        throw new DomainException(
            "latefee.rate_missing",
            $"{year}年の延滞金の割合が未登録のため、延滞金を計算できません。管理者が{year}年の割合を登録してください。");
    }
}
