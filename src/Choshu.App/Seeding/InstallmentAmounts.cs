namespace Choshu.App.Seeding;

/// <summary>
/// Splits an annual amount into installments the way cities do (地方税法20条の4の2): every installment
/// after the first is the equal share rounded down to 1,000 yen, and the first takes the rest.
/// 市民税 123,400 yen in 4 → 33,400 / 30,000 / 30,000 / 30,000.
/// </summary>
public static class InstallmentAmounts
{
    public static long[] Split(long annual, int periods)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(annual);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(periods);
        var amounts = new long[periods];
        var share = annual / periods / 1000 * 1000;
        for (var p = 1; p < periods; p++) amounts[p] = share;
        amounts[0] = annual - share * (periods - 1);
        return amounts;
    }
}
