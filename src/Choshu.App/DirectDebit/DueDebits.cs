namespace Choshu.App.DirectDebit;

/// <summary>What is to be debited on one date, in file order (bank, branch, account, customer number).</summary>
/// <param name="SkippedPending">Installments left out because a convenience store has reported a payment
/// for them (速報) that is not yet final: debiting them too would collect twice.</param>
public sealed record DueDebits(DateOnly Date, IReadOnlyList<DueDebit> Debits, int SkippedPending)
{
    /// <summary>How many of the debits are re-debits (再振替).</summary>
    public int Redebits => Debits.Count(d => d.Redebit);
}
