namespace Choshu.App.Seeding;

/// <summary>One payment the synthetic city records: which installment (0-based), the day paid, and the yen.</summary>
public readonly record struct PlannedPayment(int PeriodIndex, DateOnly PaidOn, long Amount);
