namespace Choshu.Domain.Claims;

/// <summary>
/// The one status of a claim (an installment), derived by <see cref="ClaimStatus.Of"/> from its ledger and its events;
/// never stored. Every screen, list, report, slip and command shows this and only this (labels in one catalogue).
/// Numbers are not stored, but kept stable for JSON output.
/// </summary>
public enum ClaimStatusKind : short
{
    /// <summary>納期未到来: not yet due, something still owed.</summary>
    NotDue = 1,
    /// <summary>未納: past its 納期限, unpaid, no reminder yet.</summary>
    Unpaid = 2,
    /// <summary>督促済: a reminder took effect.</summary>
    Reminded = 3,
    /// <summary>分納中: paying by a pledge (承認 by written pledge) with something still owed.</summary>
    PayingByPledge = 4,
    /// <summary>猶予中: a deferment runs.</summary>
    Deferred = 5,
    /// <summary>差押中: a seizure or a claim for distribution is pending.</summary>
    Seized = 6,
    /// <summary>執行停止中: a stay of enforcement is in force.</summary>
    Stayed = 7,
    /// <summary>時効: the right to collect has lapsed (or was extinguished by a stay) and is not written off yet.</summary>
    Lapsed = 8,
    /// <summary>欠損: written off (不納欠損).</summary>
    WrittenOff = 9,
    /// <summary>完納: nothing owed.</summary>
    Paid = 10,
}
