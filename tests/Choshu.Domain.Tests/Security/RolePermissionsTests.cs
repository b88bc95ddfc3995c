using Choshu.Domain.Security;

namespace Choshu.Domain.Tests.Security;

/// <summary>
/// 委託業者 (issue 18 defect 5): a person who holds Contractor gets no permission that reads taxpayer data,
/// whatever else the account holds (a grant written before the rule, or straight into the store).
/// </summary>
public sealed class RolePermissionsTests
{
    [Theory]
    [InlineData(Role.CollectionClerk, Permission.ViewTaxpayer)]
    [InlineData(Role.CollectionClerk, Permission.RecordPayments)]
    [InlineData(Role.DelinquencyOfficer, Permission.UpdateCases)]
    [InlineData(Role.Exporter, Permission.ExportData)]
    [InlineData(Role.Approver, Permission.ViewReports)]
    [InlineData(Role.SecurityOfficer, Permission.ReviewAudit)]
    [InlineData(Role.SecurityOfficer, Permission.HandleDisclosure)]
    [InlineData(Role.MyNumberClerk, Permission.RevealMyNumber)]
    public void Allows_ContractorAlsoHoldingTaxpayerRole_Refused(Role other, Permission permission)
    {
        Assert.True(RolePermissions.Allows([other], permission));
        Assert.False(RolePermissions.Allows([Role.Contractor, other], permission));
    }

    [Fact]
    public void Allows_ContractorWithSystemAdministrator_KeepsOnlyRightsThatReadNoTaxpayer()
    {
        Assert.True(RolePermissions.Allows([Role.Contractor, Role.SystemAdministrator], Permission.ManageSystem));
        Assert.True(RolePermissions.Allows([Role.Contractor, Role.SystemAdministrator], Permission.ManageAccounts));
        Assert.False(RolePermissions.Allows([Role.Contractor, Role.SystemAdministrator], Permission.RequestDeletion));
    }

    [Fact]
    public void Allows_EveryRoleWithContractor_NoTaxpayerReadingPermission()
    {
        // The whole table: with 委託業者 active, only account and system administration remain.
        foreach (var role in Enum.GetValues<Role>())
            foreach (var p in Enum.GetValues<Permission>())
                if (RolePermissions.Allows([Role.Contractor, role], p))
                    Assert.Contains(p, new[] { Permission.ManageSystem, Permission.ManageAccounts, Permission.ReopenBusinessDay });
    }
}
