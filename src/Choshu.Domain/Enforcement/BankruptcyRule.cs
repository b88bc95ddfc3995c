namespace Choshu.Domain.Enforcement;

/// <summary>How a tax claim ranks in the taxpayer's bankruptcy. Stored as numbers: never renumber.</summary>
public enum BankruptcyClass : short
{
    /// <summary>財団債権 (破産法148条1項3号): not yet due at the decision, or due less than one year before it; paid from
    /// the estate as it falls due, ahead of the bankruptcy creditors.</summary>
    EstateClaim = 1,
    /// <summary>優先的破産債権 (破産法98条1項): the rest; paid in the distribution ahead of the ordinary creditors.</summary>
    PriorityClaim = 2,
}

/// <summary>
/// The bankruptcy rules for a tax claim, pure. Taxes survive a discharge (免責: 破産法253条1項1号 — no write-off follows
/// from a discharge); a dissolved bankrupt corporation's claims have no one left to collect from and are extinguished at
/// once (地方税法15条の7第5項, <see cref="Claims.ClaimEventKind.ImmediateExtinction"/>).
/// </summary>
public static class BankruptcyRule
{
    /// <summary>
    /// Classifies one claim by its 納期限 (the statute's word) against the day of the 破産手続開始決定: 財団債権 when the
    /// 納期限 had not come yet or one year from it had not passed (counted from the next day, 民法140条: the year ends at
    /// the end of the same date a year later), 優先的破産債権 otherwise.
    /// </summary>
    public static BankruptcyClass Classify(DateOnly dueOn, DateOnly decisionOn) =>
        decisionOn <= dueOn.AddYears(1) ? BankruptcyClass.EstateClaim : BankruptcyClass.PriorityClaim;
}
