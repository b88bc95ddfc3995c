using Choshu.Data.Assessments;
using Choshu.Domain.Cases;
using Choshu.Data.Documents;
using Choshu.Data.Privacy;
using Choshu.Data.Security;
using Choshu.Data.Calendar;
using Choshu.Data.Imports;
using Choshu.Data.Ledger;
using Choshu.Data.Notices;
using Choshu.Data.Payments;
using Choshu.Data.Refunds;
using Choshu.Data.Settings;
using Choshu.Data.Taxpayers;
using Choshu.Domain.Claims;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Choshu.Data;

/// <summary>
/// The one model of Choshu's store. Each provider has a derived context
/// (<see cref="PostgresChoshuDbContext"/>, <see cref="SqliteChoshuDbContext"/>) that owns its own
/// migrations; the model is built here once for both. Staff accounts are ASP.NET Core Identity
/// users (user-only store: rights are our dated <see cref="RoleGrant"/>s, not Identity roles).
/// </summary>
public abstract class ChoshuDbContext(DbContextOptions options) : IdentityUserContext<StaffAccount, long>(options)
{
    public DbSet<Taxpayer> Taxpayers => Set<Taxpayer>();
    public DbSet<TaxpayerVersion> TaxpayerVersions => Set<TaxpayerVersion>();
    public DbSet<TaxpayerMyNumber> TaxpayerMyNumbers => Set<TaxpayerMyNumber>();
    public DbSet<TaxAgent> TaxAgents => Set<TaxAgent>();
    public DbSet<TaxKind> TaxKinds => Set<TaxKind>();
    public DbSet<TaxKindAccount> TaxKindAccounts => Set<TaxKindAccount>();
    public DbSet<Ledger.CarryForward> CarryForwards => Set<Ledger.CarryForward>();
    public DbSet<Ledger.CarryForwardLine> CarryForwardLines => Set<Ledger.CarryForwardLine>();
    public DbSet<Ledger.AccountingHandover> AccountingHandovers => Set<Ledger.AccountingHandover>();
    public DbSet<Assessment> Assessments => Set<Assessment>();
    public DbSet<Installment> Installments => Set<Installment>();
    public DbSet<JournalEntry> JournalEntries => Set<JournalEntry>();
    public DbSet<ClaimEvent> ClaimEvents => Set<ClaimEvent>();
    public DbSet<ImportFile> ImportFiles => Set<ImportFile>();
    public DbSet<ImportRun> ImportRuns => Set<ImportRun>();
    public DbSet<QuarantinedRecord> QuarantinedRecords => Set<QuarantinedRecord>();
    public DbSet<HolidayRow> Holidays => Set<HolidayRow>();
    public DbSet<LateFeeRateRow> LateFeeRates => Set<LateFeeRateRow>();
    public DbSet<RefundInterestRateRow> RefundInterestRates => Set<RefundInterestRateRow>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<Overpayment> Overpayments => Set<Overpayment>();
    public DbSet<OverpaymentCause> OverpaymentCauses => Set<OverpaymentCause>();
    public DbSet<DirectDebitAccount> DirectDebitAccounts => Set<DirectDebitAccount>();
    public DbSet<DirectDebitRegistration> DirectDebitRegistrations => Set<DirectDebitRegistration>();
    public DbSet<DebitFailure> DebitFailures => Set<DebitFailure>();
    public DbSet<Setting> Settings => Set<Setting>();
    public DbSet<StaffAccount> StaffAccounts => Set<StaffAccount>();
    public DbSet<RoleGrant> RoleGrants => Set<RoleGrant>();
    public DbSet<StaffSession> StaffSessions => Set<StaffSession>();
    public DbSet<SignInFailure> SignInFailures => Set<SignInFailure>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<CollectionCase> CollectionCases => Set<CollectionCase>();
    public DbSet<Cases.WriteOffPlan> WriteOffPlans => Set<Cases.WriteOffPlan>();
    public DbSet<Cases.LateFeeWaiver> LateFeeWaivers => Set<Cases.LateFeeWaiver>();
    public DbSet<Cases.LateFeeWaiverBasis> LateFeeWaiverBases => Set<Cases.LateFeeWaiverBasis>();
    public DbSet<CaseLogEntry> CaseLogEntries => Set<CaseLogEntry>();
    public DbSet<Cases.DistrictOfficer> DistrictOfficers => Set<Cases.DistrictOfficer>();
    public DbSet<DataRelease> DataReleases => Set<DataRelease>();
    public DbSet<IssuedDocument> IssuedDocuments => Set<IssuedDocument>();
    public DbSet<DeletionRequest> DeletionRequests => Set<DeletionRequest>();
    public DbSet<Cases.Pledge> Pledges => Set<Cases.Pledge>();
    public DbSet<Cases.PledgeInstalmentRow> PledgeInstalments => Set<Cases.PledgeInstalmentRow>();
    public DbSet<Cases.PledgeClaim> PledgeClaims => Set<Cases.PledgeClaim>();
    public DbSet<Cases.PledgeEvent> PledgeEvents => Set<Cases.PledgeEvent>();
    public DbSet<Cases.Liability> Liabilities => Set<Cases.Liability>();
    public DbSet<Cases.Seizure> Seizures => Set<Cases.Seizure>();
    public DbSet<Cases.SeizureClaim> SeizureClaims => Set<Cases.SeizureClaim>();
    public DbSet<Cases.SeizureRecovery> SeizureRecoveries => Set<Cases.SeizureRecovery>();
    public DbSet<Cases.InquiryTarget> InquiryTargets => Set<Cases.InquiryTarget>();
    public DbSet<Cases.Inquiry> Inquiries => Set<Cases.Inquiry>();
    public DbSet<Cases.InquiryAnswer> InquiryAnswers => Set<Cases.InquiryAnswer>();
    public DbSet<DeletionTarget> DeletionTargets => Set<DeletionTarget>();
    public DbSet<DisclosureRequest> DisclosureRequests => Set<DisclosureRequest>();
    public DbSet<NoticeRun> NoticeRuns => Set<NoticeRun>();
    public DbSet<NoticeLetter> NoticeLetters => Set<NoticeLetter>();
    public DbSet<NoticeLetterItem> NoticeLetterItems => Set<NoticeLetterItem>();
    public DbSet<ReturnedMail> ReturnedMail => Set<ReturnedMail>();
    public DbSet<NoticeConditionSet> NoticeConditionSets => Set<NoticeConditionSet>();
    public DbSet<CounterReceipt> CounterReceipts => Set<CounterReceipt>();
    public DbSet<CounterReceiptLine> CounterReceiptLines => Set<CounterReceiptLine>();
    public DbSet<BusinessDay> BusinessDays => Set<BusinessDay>();
    public DbSet<Certificates.Certificate> Certificates => Set<Certificates.Certificate>();
    public DbSet<Certificates.TransferItem> TransferItems => Set<Certificates.TransferItem>();
    public DbSet<OrgUnitName> OrgUnitNames => Set<OrgUnitName>();
    public DbSet<Refund> Refunds => Set<Refund>();
    public DbSet<RefundTransfer> RefundTransfers => Set<RefundTransfer>();
    public DbSet<Withholding.WithholdingEmployer> WithholdingEmployers => Set<Withholding.WithholdingEmployer>();
    public DbSet<Withholding.WithholdingAssignment> WithholdingAssignments => Set<Withholding.WithholdingAssignment>();
    public DbSet<Withholding.WithholdingMonthAmount> WithholdingMonthAmounts => Set<Withholding.WithholdingMonthAmount>();
    public DbSet<Withholding.WithholdingRemittanceLine> WithholdingRemittanceLines => Set<Withholding.WithholdingRemittanceLine>();
    public DbSet<Withholding.PensionPayer> PensionPayers => Set<Withholding.PensionPayer>();
    public DbSet<Withholding.PensionAssignment> PensionAssignments => Set<Withholding.PensionAssignment>();
    public DbSet<Withholding.PensionMonthAmount> PensionMonthAmounts => Set<Withholding.PensionMonthAmount>();
    public DbSet<Withholding.PensionRemittanceLine> PensionRemittanceLines => Set<Withholding.PensionRemittanceLine>();
    public DbSet<Enforcement.ClaimForDistribution> ClaimsForDistribution => Set<Enforcement.ClaimForDistribution>();
    public DbSet<Enforcement.ClaimForDistributionLine> ClaimForDistributionLines => Set<Enforcement.ClaimForDistributionLine>();
    public DbSet<Enforcement.EnforcementCost> EnforcementCosts => Set<Enforcement.EnforcementCost>();
    public DbSet<Enforcement.EnforcementCostPayment> EnforcementCostPayments => Set<Enforcement.EnforcementCostPayment>();
    public DbSet<Enforcement.DistributionReceipt> DistributionReceipts => Set<Enforcement.DistributionReceipt>();
    public DbSet<Enforcement.PublicSale> PublicSales => Set<Enforcement.PublicSale>();
    public DbSet<Enforcement.EnforcementAppeal> EnforcementAppeals => Set<Enforcement.EnforcementAppeal>();
    public DbSet<Enforcement.Distribution> Distributions => Set<Enforcement.Distribution>();
    public DbSet<Enforcement.Insolvency> Insolvencies => Set<Enforcement.Insolvency>();
    public DbSet<Enforcement.EnforcementNotice> EnforcementNotices => Set<Enforcement.EnforcementNotice>();

    public abstract StoreProvider Provider { get; }

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        // One IEntityTypeConfiguration per entity, in a file beside it (e.g. Ledger/JournalEntryConfiguration.cs).
        // staff_accounts first: a foreign key's name is taken from its principal's table name when the key is
        // made, so the tables that point at an account must see "staff_accounts", not Identity's default.
        b.ApplyConfiguration(new StaffAccountConfiguration());
        b.ApplyConfigurationsFromAssembly(typeof(ChoshuDbContext).Assembly);
    }
}

public sealed class PostgresChoshuDbContext(DbContextOptions<PostgresChoshuDbContext> options) : ChoshuDbContext(options)
{
    public override StoreProvider Provider => StoreProvider.Postgres;
}

public sealed class SqliteChoshuDbContext(DbContextOptions<SqliteChoshuDbContext> options) : ChoshuDbContext(options)
{
    public override StoreProvider Provider => StoreProvider.Sqlite;
}
