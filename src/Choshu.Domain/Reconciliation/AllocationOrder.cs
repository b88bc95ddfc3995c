using Choshu.Domain.Ledger;

namespace Choshu.Domain.Reconciliation;

/// <summary>
/// The order in which a payment is applied to the parts of an installment's claim (configuration;
/// default principal, then reminder fee, then late fee). The late fee must come after the
/// principal: it becomes final (確定) only when the principal is fully paid (地方税法; 国税通則法62条2項
/// states principal-first for national tax), so money cannot go to it before.
/// </summary>
public sealed record AllocationOrder
{
    public static readonly AllocationOrder Default = new([LedgerComponent.Principal, LedgerComponent.ReminderFee, LedgerComponent.LateFee]);

    public AllocationOrder(IReadOnlyList<LedgerComponent> components)
    {
        if (components.Count != 3 || components.Distinct().Count() != 3 || !components.All(Enum.IsDefined))
            throw new DomainException("allocation.order_invalid", "充当順序は本税・督促手数料・延滞金の3つを1回ずつ指定してください。");
        if (IndexOf(components, LedgerComponent.LateFee) < IndexOf(components, LedgerComponent.Principal))
            throw new DomainException("allocation.order_invalid", "延滞金は本税の完納時に確定するため、本税より前に充当する順序は指定できません。");
        Components = components;
    }

    public IReadOnlyList<LedgerComponent> Components { get; }

    /// <summary>Parses "principal,reminder-fee,late-fee" (the form kept in configuration).</summary>
    public static AllocationOrder Parse(string text)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var list = new List<LedgerComponent>();
        foreach (var p in parts)
        {
            list.Add(p switch
            {
                "principal" => LedgerComponent.Principal,
                "reminder-fee" => LedgerComponent.ReminderFee,
                "late-fee" => LedgerComponent.LateFee,
                _ => throw new DomainException("allocation.order_invalid", $"充当順序の「{p}」は principal, reminder-fee, late-fee のいずれかで指定してください。"),
            });
        }
        return new AllocationOrder(list);
    }

    public override string ToString() => string.Join(",", Components.Select(c => c switch
    {
        LedgerComponent.Principal => "principal",
        LedgerComponent.ReminderFee => "reminder-fee",
        _ => "late-fee",
    }));

    private static int IndexOf(IReadOnlyList<LedgerComponent> list, LedgerComponent c)
    {
        for (var i = 0; i < list.Count; i++)
            if (list[i] == c) return i;
        return -1;
    }
}
