namespace Choshu.App.DirectDebit;

/// <summary>
/// What <c>choshu debit request</c> wrote for one date: one file per bank (none when nothing is to be
/// debited), how many installments were left out because a store payment for them is pending, and how many of the
/// debits are re-debits (再振替).
/// </summary>
public sealed record DebitRequestResult(DateOnly Date, IReadOnlyList<DebitRequestFile> Files, int SkippedPending, int Redebits = 0)
{
    public int Count => Files.Sum(f => f.Count);

    public long Amount => Files.Sum(f => f.Amount);
}
