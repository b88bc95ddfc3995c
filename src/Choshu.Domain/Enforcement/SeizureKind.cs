namespace Choshu.Domain.Enforcement;

/// <summary>What a seizure (差押) takes. Stored as numbers in <c>seizures.kind</c> (this table's own numbering): never renumber, only add.
/// A refund the city itself owes is not here: it is appropriated (充当), never seized.</summary>
public enum SeizureKind : short
{
    /// <summary>預貯金 (a deposit at a bank: a receivable on the bank).</summary>
    Deposit = 1,
    /// <summary>給与 (wages: a receivable on the employer, the protected amount per 国税徴収法76条).</summary>
    Wages = 2,
    /// <summary>年金 (a pension: protected per 77条 as wages).</summary>
    Pension = 3,
    /// <summary>その他の債権 (売掛金・保険解約返戻金 etc.).</summary>
    Receivable = 4,
    /// <summary>国税還付金 (a national-tax refund held by the tax office).</summary>
    NationalTaxRefund = 5,
    /// <summary>不動産.</summary>
    RealEstate = 6,
    /// <summary>自動車.</summary>
    Vehicle = 7,
    /// <summary>動産.</summary>
    Movables = 8,
}

/// <summary>Where a seizure stands. Stored in <c>seizures.state</c>.</summary>
public enum SeizureState : short
{
    /// <summary>差押済（送達待ち）: recorded, the notice not yet arrived; no effect yet.</summary>
    Recorded = 1,
    /// <summary>執行中: the notice arrived (or the record was made for property); the claims' limitation is postponed.</summary>
    InForce = 2,
    /// <summary>終了: the claims paid or the seized receivable exhausted by 取立.</summary>
    Ended = 3,
    /// <summary>解除: released (差押解除) with a reason and a notice.</summary>
    Released = 4,
}

/// <summary>The kinds' Japanese names and whether a kind is a receivable (債権: the amount seized is money, checked against the claims).</summary>
public static class SeizureKinds
{
    public static bool IsReceivable(SeizureKind k) => k is SeizureKind.Deposit or SeizureKind.Wages or SeizureKind.Pension or SeizureKind.Receivable or SeizureKind.NationalTaxRefund;

    public static string Japanese(SeizureKind k) => k switch
    {
        SeizureKind.Deposit => "預貯金",
        SeizureKind.Wages => "給与",
        SeizureKind.Pension => "年金",
        SeizureKind.Receivable => "その他の債権",
        SeizureKind.NationalTaxRefund => "国税還付金",
        SeizureKind.RealEstate => "不動産",
        SeizureKind.Vehicle => "自動車",
        SeizureKind.Movables => "動産",
        _ => k.ToString(),
    };

    public static string Japanese(SeizureState s) => s switch
    {
        SeizureState.Recorded => "送達待ち",
        SeizureState.InForce => "執行中",
        SeizureState.Ended => "終了",
        SeizureState.Released => "解除",
        _ => s.ToString(),
    };

    /// <summary>The words naming a kind in the CLI (<c>seizure add --kind</c>) and the case page.</summary>
    public static readonly IReadOnlyDictionary<string, SeizureKind> Words = new Dictionary<string, SeizureKind>
    {
        ["deposit"] = SeizureKind.Deposit,
        ["wages"] = SeizureKind.Wages,
        ["pension"] = SeizureKind.Pension,
        ["receivable"] = SeizureKind.Receivable,
        ["national-tax-refund"] = SeizureKind.NationalTaxRefund,
        ["real-estate"] = SeizureKind.RealEstate,
        ["vehicle"] = SeizureKind.Vehicle,
        ["movables"] = SeizureKind.Movables,
    };

    /// <summary>The word for a refund the city itself owes: refused (<see cref="Parse"/>).</summary>
    public const string CityRefundWord = "city-refund";

    /// <summary>The kind a word names; a city refund and an unknown word are refused in Japanese.</summary>
    public static SeizureKind Parse(string? word)
    {
        var w = word?.Trim() ?? "";
        if (w == CityRefundWord || w == "市税還付金")
            throw new DomainException("seizure.city_refund",
                "市が還付する市税の還付金は差し押さえません。滞納している市税に充当します（地方税法17条の2、choshu appropriate）。");
        if (Words.TryGetValue(w, out var k)) return k;
        foreach (var (key, value) in Words) if (Japanese(value) == w) return value;
        throw new DomainException("seizure.kind", $"差押財産の種類（--kind）「{w}」は使えません: {string.Join("、", Words.Keys)}。");
    }
}
