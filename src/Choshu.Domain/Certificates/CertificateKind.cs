namespace Choshu.Domain.Certificates;

/// <summary>
/// The kinds of 納税証明書 Choshu issues (domain.md §11; the national analogues その1, その3, その4). Stored as numbers:
/// never renumber, only add.
/// </summary>
public enum CertificateKind : short
{
    /// <summary>納税額等証明: per tax and year the amount fixed, paid and unpaid (その1).</summary>
    Amounts = 1,
    /// <summary>完納証明（未納の税額がないこと）: refused while anything is in arrears (その3).</summary>
    NoArrears = 2,
    /// <summary>滞納処分を受けたことがないことの証明: refused when a seizure or claim for distribution was taken (その4).</summary>
    NoEnforcement = 3,
    /// <summary>軽自動車税（種別割）継続検査用納税証明書: free; one vehicle; refused while any 軽自動車税 of it is unpaid.</summary>
    Vehicle = 4,
}

/// <summary>Who asked for a certificate at the counter. Stored as numbers.</summary>
public enum CertificateRequester : short
{
    /// <summary>本人.</summary>
    Self = 1,
    /// <summary>代理人（委任状あり）.</summary>
    AgentWithLetter = 2,
    /// <summary>法人の従業者.</summary>
    CorporateStaff = 3,
}
