namespace Choshu.App.DirectDebit;

/// <summary>One request file written: the bank it goes to, where it is, and its trailer totals.</summary>
public sealed record DebitRequestFile(string BankCode, string Path, int Count, long Amount);
