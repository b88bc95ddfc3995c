namespace Choshu.Domain.Security;

/// <summary>What an action needs. Roles give permissions through <see cref="RolePermissions"/>, the one table of who may do what.</summary>
public enum Permission
{
    /// <summary>Search for taxpayers by number, name, birth date or address, and open one.</summary>
    ViewTaxpayer,
    /// <summary>Reveal a masked My Number (with purpose and re-authentication).</summary>
    RevealMyNumber,
    /// <summary>Search for a taxpayer by My Number (blind index).</summary>
    SearchByMyNumber,
    /// <summary>Counter payments, manual matching, payment imports.</summary>
    RecordPayments,
    /// <summary>Reverse a booked payment (reason required).</summary>
    ReversePayments,
    /// <summary>Receipt and collection reports.</summary>
    ViewReports,
    /// <summary>Update a delinquency case (officer in charge or approver; see the case policy).</summary>
    UpdateCases,
    /// <summary>Copy personal data out of the system: exports and transfers (移転).</summary>
    ExportData,
    /// <summary>Approve a deletion requested by someone else, the second signature.</summary>
    ApproveDeletion,
    /// <summary>Request a deletion after the retention period.</summary>
    RequestDeletion,
    /// <summary>Accounts and rights; the yearly ID review.</summary>
    ManageAccounts,
    /// <summary>Key rotation, settings.</summary>
    ManageSystem,
    /// <summary>Read the audit log, run its verification and the monthly review.</summary>
    ReviewAudit,
    /// <summary>Register and answer 開示・訂正・利用停止請求.</summary>
    HandleDisclosure,
    /// <summary>督促状 and direct-debit notice runs: preview, generate, print, dispatch, cancel; returned mail.</summary>
    IssueNotices,
    /// <summary>催告書 and 差押予告書 runs and their saved condition sets (delinquency work).</summary>
    IssueDemands,
    /// <summary>Reopen a closed business day (日計締めの解除), with a reason: the approver's recorded act.</summary>
    ReopenBusinessDay,
    /// <summary>納税証明書: issue at the counter and verify a certificate by its number (the 軽JNKS and コンビニ交付 files need <see cref="ExportData"/>).</summary>
    IssueCertificates,
    /// <summary>還付の決定（支出決定）: approve a refund another staff member drafted (maker-checker).</summary>
    DecideRefunds,
    /// <summary>執行停止・猶予の決定と取消、不納欠損の計画の承認と執行 (the approver's recorded decision; issue 13).</summary>
    DecideCollectionMeasures,
    /// <summary>滞納繰越（出納閉鎖）の実行と取消: the approver's recorded step closing a fiscal year (issue 17).</summary>
    CloseFiscalYear,
}

/// <summary>The one table of which role gives which permission.</summary>
public static class RolePermissions
{
    private static readonly Dictionary<Role, Permission[]> Table = new()
    {
        [Role.CollectionClerk] = [Permission.ViewTaxpayer, Permission.RecordPayments, Permission.ReversePayments, Permission.ViewReports, Permission.IssueNotices, Permission.IssueCertificates],
        [Role.DelinquencyOfficer] = [Permission.ViewTaxpayer, Permission.RecordPayments, Permission.ViewReports, Permission.UpdateCases, Permission.IssueNotices, Permission.IssueDemands, Permission.IssueCertificates],
        [Role.MyNumberClerk] = [Permission.ViewTaxpayer, Permission.RevealMyNumber, Permission.SearchByMyNumber],
        [Role.Approver] = [Permission.ViewTaxpayer, Permission.ViewReports, Permission.UpdateCases, Permission.ApproveDeletion, Permission.ReversePayments, Permission.IssueNotices, Permission.IssueDemands, Permission.ReopenBusinessDay, Permission.IssueCertificates, Permission.DecideRefunds, Permission.DecideCollectionMeasures, Permission.CloseFiscalYear],
        [Role.SystemAdministrator] = [Permission.ManageAccounts, Permission.ManageSystem, Permission.RequestDeletion],
        [Role.SecurityOfficer] = [Permission.ReviewAudit, Permission.ManageAccounts, Permission.HandleDisclosure],
        [Role.Contractor] = [Permission.ManageSystem],
        [Role.Exporter] = [Permission.ExportData],
    };

    public static IReadOnlyList<Permission> Of(Role role) => Table[role];

    /// <summary>
    /// Whether the permission lets its holder read taxpayer data (names, addresses, amounts, My Numbers, the
    /// log of who looked at whom). Only account and system administration and reopening a business day do not;
    /// a permission added later counts as reading until it is listed here (fail closed).
    /// </summary>
    public static bool ReadsTaxpayerData(Permission permission) =>
        permission is not (Permission.ManageAccounts or Permission.ManageSystem or Permission.ReopenBusinessDay);

    /// <summary>
    /// The one incompatibility rule (seed III-4, issue 18): 委託業者 may never hold, now or at any time, a role
    /// that gives a permission reading taxpayer data (個人番号利用事務担当 among them). Used at grant time by the
    /// account administration and, through <see cref="Allows"/>, at every check.
    /// </summary>
    public static bool Incompatible(Role a, Role b) =>
        (a == Role.Contractor && b != Role.Contractor && Table[b].Any(ReadsTaxpayerData))
        || (b == Role.Contractor && a != Role.Contractor && Table[a].Any(ReadsTaxpayerData));

    /// <summary>
    /// Whether the roles active today give the permission. A contractor never gets a permission that reads
    /// taxpayer data (<see cref="ReadsTaxpayerData"/>), whatever else the account holds (a grant from before the
    /// rule, or one written straight into the store).
    /// </summary>
    public static bool Allows(IReadOnlyCollection<Role> activeRoles, Permission permission)
    {
        if (activeRoles.Contains(Role.Contractor) && ReadsTaxpayerData(permission))
            return false;
        foreach (var r in activeRoles)
            if (Array.IndexOf(Table[r], permission) >= 0) return true;
        return false;
    }
}
