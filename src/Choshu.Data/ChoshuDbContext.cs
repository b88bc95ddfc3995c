using Choshu.Data.Assessments;
using Choshu.Domain.Cases;
using Choshu.Data.Privacy;
using Choshu.Data.Security;
using Choshu.Data.Calendar;
using Choshu.Data.Imports;
using Choshu.Data.Ledger;
using Choshu.Data.Payments;
using Choshu.Data.Settings;
using Choshu.Data.Taxpayers;
using Choshu.Domain.Assessments;
using Microsoft.AspNetCore.Identity;
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
    public DbSet<Assessment> Assessments => Set<Assessment>();
    public DbSet<Installment> Installments => Set<Installment>();
    public DbSet<JournalEntry> JournalEntries => Set<JournalEntry>();
    public DbSet<ImportFile> ImportFiles => Set<ImportFile>();
    public DbSet<ImportRun> ImportRuns => Set<ImportRun>();
    public DbSet<QuarantinedRecord> QuarantinedRecords => Set<QuarantinedRecord>();
    public DbSet<HolidayRow> Holidays => Set<HolidayRow>();
    public DbSet<LateFeeRateRow> LateFeeRates => Set<LateFeeRateRow>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<Overpayment> Overpayments => Set<Overpayment>();
    public DbSet<DirectDebitAccount> DirectDebitAccounts => Set<DirectDebitAccount>();
    public DbSet<DebitFailure> DebitFailures => Set<DebitFailure>();
    public DbSet<Setting> Settings => Set<Setting>();
    public DbSet<StaffAccount> StaffAccounts => Set<StaffAccount>();
    public DbSet<RoleGrant> RoleGrants => Set<RoleGrant>();
    public DbSet<StaffSession> StaffSessions => Set<StaffSession>();
    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();
    public DbSet<CollectionCase> CollectionCases => Set<CollectionCase>();
    public DbSet<DataRelease> DataReleases => Set<DataRelease>();
    public DbSet<DeletionRequest> DeletionRequests => Set<DeletionRequest>();
    public DbSet<DeletionTarget> DeletionTargets => Set<DeletionTarget>();
    public DbSet<DisclosureRequest> DisclosureRequests => Set<DisclosureRequest>();

    public abstract StoreProvider Provider { get; }

    protected override void OnModelCreating(ModelBuilder b)
    {
        base.OnModelCreating(b);
        ConfigureSecurity(b);
        b.Entity<Taxpayer>(e =>
        {
            e.ToTable("taxpayers");
            e.Property(x => x.TaxpayerNo).HasMaxLength(15);
            e.HasIndex(x => x.TaxpayerNo).IsUnique();
            e.Property(x => x.IntegratedNo).HasMaxLength(15);
            e.Property(x => x.CorporateNumber).HasMaxLength(13);
            e.ComplexProperty(x => x.Facts, ConfigureFacts);
            // search_kana, search_kanji, search_address (text): the search keys, set with Facts. Their indexes
            // (trigram GIN on PostgreSQL) and those on birth_date and on rows without keys are made in SQL by
            // migration TaxpayerSearch: they are provider-specific or on a complex property's column.
        });
        b.Entity<TaxpayerVersion>(e =>
        {
            e.ToTable("taxpayer_versions");
            e.HasIndex(x => new { x.TaxpayerId, x.HistorySeq }).IsUnique();
            e.HasOne<Taxpayer>().WithMany().HasForeignKey(x => x.TaxpayerId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<ImportFile>().WithMany().HasForeignKey(x => x.ImportFileId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.CorporateNumber).HasMaxLength(13);
            e.Property(x => x.RecordedBy).HasMaxLength(100);
            e.ComplexProperty(x => x.Facts, ConfigureFacts);
        });
        b.Entity<TaxpayerMyNumber>(e =>
        {
            e.ToTable("taxpayer_my_numbers");
            e.HasKey(x => x.TaxpayerId);
            e.HasOne<Taxpayer>().WithOne().HasForeignKey<TaxpayerMyNumber>(x => x.TaxpayerId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.Value).HasMaxLength(200);
            e.Property(x => x.BlindIndex).HasMaxLength(64);
            e.HasIndex(x => x.BlindIndex);
        });
        b.Entity<TaxAgent>(e =>
        {
            e.ToTable("tax_agents");
            e.HasOne<Taxpayer>().WithMany().HasForeignKey(x => x.TaxpayerId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Taxpayer>().WithMany().HasForeignKey(x => x.AgentTaxpayerId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<TaxKind>().WithMany().HasForeignKey(x => x.TaxKindCode).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.RecordedBy).HasMaxLength(100);
        });
        b.Entity<TaxKind>(e =>
        {
            e.ToTable("tax_kinds");
            e.HasKey(x => x.Code);
            e.Property(x => x.Code).HasMaxLength(2);
            e.Property(x => x.Name).HasMaxLength(50);
            e.Property(x => x.Aliases).HasMaxLength(200);
            e.HasData(
                new TaxKind { Code = TaxKindCodes.InhabitantTax, Name = "市民税", Aliases = "市民税（普通徴収）|個人市民税|市県民税|市・県民税|個人住民税", SortOrder = 1 },
                new TaxKind { Code = TaxKindCodes.FixedAssetTax, Name = "固定資産税", Aliases = "固定資産税・都市計画税|固定資産税都市計画税|固都税", SortOrder = 2 },
                new TaxKind { Code = TaxKindCodes.LightVehicleTax, Name = "軽自動車税", Aliases = "軽自動車税種別割|軽自動車税（種別割）", SortOrder = 3 },
                new TaxKind { Code = TaxKindCodes.CorporateInhabitantTax, Name = "法人市民税", Aliases = "法人住民税", SortOrder = 4 });
        });
        b.Entity<Assessment>(e =>
        {
            e.ToTable("assessments");
            e.Property(x => x.NoticeNo).HasMaxLength(20);
            e.HasIndex(x => new { x.TaxKindCode, x.FiscalYear, x.LiabilityYear, x.NoticeNo }).IsUnique();
            e.HasIndex(x => x.TaxpayerId);
            e.HasIndex(x => x.NoticeNo);
            e.HasOne<Taxpayer>().WithMany().HasForeignKey(x => x.TaxpayerId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<TaxKind>().WithMany().HasForeignKey(x => x.TaxKindCode).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(x => x.Installments).WithOne(x => x.Assessment).HasForeignKey(x => x.AssessmentId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<Installment>(e =>
        {
            e.ToTable("installments");
            e.HasIndex(x => new { x.AssessmentId, x.Period }).IsUnique();
            e.HasIndex(x => x.DueDate);
        });
        b.Entity<JournalEntry>(e =>
        {
            e.ToTable("journal_entries");
            e.HasIndex(x => x.InstallmentId);
            // The optional links are NULL on most entries (every charge, every seeded payment): index only
            // the rows that have one, which keeps bulk writes to the journal cheap. Same SQL on both stores.
            e.HasIndex(x => x.IdempotencyKey).IsUnique().HasFilter("idempotency_key IS NOT NULL");
            e.HasIndex(x => x.ReversesEntryId).HasFilter("reverses_entry_id IS NOT NULL");
            e.HasIndex(x => x.PaymentId).HasFilter("payment_id IS NOT NULL");
            e.HasIndex(x => x.ImportFileId).HasFilter("import_file_id IS NOT NULL");
            e.Property(x => x.IdempotencyKey).HasMaxLength(200);
            e.Property(x => x.Actor).HasMaxLength(100);
            e.Property(x => x.ReasonCode).HasMaxLength(50);
            e.HasOne<Installment>().WithMany().HasForeignKey(x => x.InstallmentId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<JournalEntry>().WithMany().HasForeignKey(x => x.ReversesEntryId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<ImportFile>().WithMany().HasForeignKey(x => x.ImportFileId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Payment>().WithMany().HasForeignKey(x => x.PaymentId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<Payment>(e =>
        {
            e.ToTable("payments");
            e.Property(x => x.RawKey).HasMaxLength(60);
            e.Property(x => x.SourceCode).HasMaxLength(40);
            e.Property(x => x.IdempotencyKey).HasMaxLength(200);
            e.Property(x => x.Actor).HasMaxLength(100);
            e.Property(x => x.StatusChangedBy).HasMaxLength(100);
            e.HasIndex(x => x.IdempotencyKey).IsUnique();
            e.HasIndex(x => x.InstallmentId);
            e.HasIndex(x => new { x.Status, x.PaidOn });
            e.HasIndex(x => x.ReceivedOn);
            e.HasOne<Installment>().WithMany().HasForeignKey(x => x.InstallmentId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<ImportFile>().WithMany().HasForeignKey(x => x.ImportFileId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<Overpayment>(e =>
        {
            e.ToTable("overpayments");
            e.HasIndex(x => x.TaxpayerId);
            e.HasIndex(x => x.PaymentId);
            e.HasOne<Payment>().WithMany().HasForeignKey(x => x.PaymentId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Taxpayer>().WithMany().HasForeignKey(x => x.TaxpayerId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<Installment>().WithMany().HasForeignKey(x => x.InstallmentId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<DirectDebitAccount>(e =>
        {
            e.ToTable("direct_debit_accounts");
            e.Property(x => x.BankCode).HasMaxLength(4);
            e.Property(x => x.BranchCode).HasMaxLength(3);
            e.Property(x => x.AccountNo).HasMaxLength(7);
            e.Property(x => x.HolderKana).HasMaxLength(30);
            e.HasIndex(x => new { x.TaxpayerId, x.TaxKindCode });
            e.HasOne<Taxpayer>().WithMany().HasForeignKey(x => x.TaxpayerId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<TaxKind>().WithMany().HasForeignKey(x => x.TaxKindCode).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<DebitFailure>(e =>
        {
            e.ToTable("debit_failures");
            e.Property(x => x.CustomerNo).HasMaxLength(20);
            e.Property(x => x.SourceCode).HasMaxLength(40);
            e.Property(x => x.IdempotencyKey).HasMaxLength(100);
            e.HasIndex(x => x.IdempotencyKey).IsUnique();
            e.HasIndex(x => new { x.DebitDate, x.ResultCode });
            e.HasIndex(x => x.InstallmentId);
            e.HasOne<Installment>().WithMany().HasForeignKey(x => x.InstallmentId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<ImportFile>().WithMany().HasForeignKey(x => x.ImportFileId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<Setting>(e =>
        {
            e.ToTable("settings");
            e.HasKey(x => x.Key);
            e.Property(x => x.Key).HasMaxLength(100);
            e.Property(x => x.UpdatedBy).HasMaxLength(100);
        });
        b.Entity<ImportFile>(e =>
        {
            e.ToTable("import_files");
            e.Property(x => x.Kind).HasMaxLength(30);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.Encoding).HasMaxLength(20);
            e.HasIndex(x => new { x.Kind, x.Sha256 }).IsUnique();
        });
        b.Entity<ImportRun>(e =>
        {
            e.ToTable("import_runs");
            e.HasOne<ImportFile>().WithMany().HasForeignKey(x => x.ImportFileId).OnDelete(DeleteBehavior.Restrict);
            e.Property(x => x.Actor).HasMaxLength(100);
        });
        b.Entity<QuarantinedRecord>(e =>
        {
            e.ToTable("quarantined_records");
            e.HasOne<ImportFile>().WithMany().HasForeignKey(x => x.ImportFileId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(x => new { x.ImportFileId, x.LineNo, x.Field }).IsUnique();
            e.Property(x => x.Field).HasMaxLength(50);
        });
        b.Entity<HolidayRow>(e =>
        {
            e.ToTable("holidays");
            e.HasKey(x => x.Date);
            e.Property(x => x.Name).HasMaxLength(50);
            e.Property(x => x.Source).HasMaxLength(100);
        });
        b.Entity<LateFeeRateRow>(e =>
        {
            e.ToTable("late_fee_rates");
            e.HasKey(x => x.Year);
            e.Property(x => x.Year).ValueGeneratedNever();
            e.Property(x => x.Source).HasMaxLength(100);
        });
    }

    private static void ConfigureSecurity(ModelBuilder b)
    {
        b.Entity<StaffAccount>(e =>
        {
            e.ToTable("staff_accounts");
            e.Property(x => x.StaffNo).HasMaxLength(20);
            e.HasIndex(x => x.StaffNo).IsUnique();
            e.Property(x => x.FullName).HasMaxLength(100);
            e.Property(x => x.DepartmentCode).HasMaxLength(10);
            e.Property(x => x.SectionCode).HasMaxLength(10);
            e.Property(x => x.CreatedBy).HasMaxLength(100);
            e.Property(x => x.SecurityStamp).HasMaxLength(100);
            e.Property(x => x.ConcurrencyStamp).HasMaxLength(100);
            e.Property(x => x.PasswordHash).HasMaxLength(200);
            e.Property(x => x.PhoneNumber).HasMaxLength(30);
        });
        b.Entity<IdentityUserClaim<long>>().ToTable("staff_account_claims");
        b.Entity<IdentityUserLogin<long>>().ToTable("staff_account_logins");
        b.Entity<IdentityUserToken<long>>().ToTable("staff_account_tokens");
        b.Entity<RoleGrant>(e =>
        {
            e.ToTable("role_grants");
            e.HasIndex(x => x.AccountId);
            e.Property(x => x.GrantedBy).HasMaxLength(100);
            e.Property(x => x.RevokedBy).HasMaxLength(100);
            e.Property(x => x.RevokeReason).HasMaxLength(500);
            e.HasOne<StaffAccount>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<StaffSession>(e =>
        {
            e.ToTable("staff_sessions");
            e.Property(x => x.TokenHash).HasMaxLength(64);
            e.HasIndex(x => x.TokenHash).IsUnique();
            e.HasIndex(x => x.AccountId);
            e.Property(x => x.Terminal).HasMaxLength(100);
            e.Property(x => x.EndReason).HasMaxLength(30);
            e.HasOne<StaffAccount>().WithMany().HasForeignKey(x => x.AccountId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<AuditEvent>(e =>
        {
            e.ToTable("audit_events");
            // The chain position is assigned by AuditLog under its lock, never by the store.
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.OccurredAtJst).HasMaxLength(40);
            e.Property(x => x.ActorName).HasMaxLength(100);
            e.Property(x => x.Terminal).HasMaxLength(100);
            e.Property(x => x.Purpose).HasMaxLength(500);
            e.Property(x => x.Detail).HasMaxLength(4000);
            e.Property(x => x.PrevHash).HasMaxLength(64);
            e.Property(x => x.Hash).HasMaxLength(64);
            e.HasIndex(x => x.OccurredAtUtc);
            e.HasIndex(x => new { x.TaxpayerId, x.OccurredAtUtc }).HasFilter("taxpayer_id IS NOT NULL");
            e.HasIndex(x => new { x.AccountId, x.OccurredAtUtc });
            // No foreign keys: the log must outlive and never block what it records.
        });
        b.ApplyConfigurationsFromAssembly(typeof(Cases.CollectionCaseConfiguration).Assembly, t => t.Namespace == typeof(Cases.CollectionCaseConfiguration).Namespace);
        b.Entity<DataRelease>(e =>
        {
            e.ToTable("data_releases");
            e.Property(x => x.Content).HasMaxLength(50);
            e.Property(x => x.Recipient).HasMaxLength(100);
            e.Property(x => x.Items).HasMaxLength(1000);
            e.Property(x => x.Sha256).HasMaxLength(64);
            e.Property(x => x.FileName).HasMaxLength(500);
            e.Property(x => x.Purpose).HasMaxLength(500);
            e.Property(x => x.ActorName).HasMaxLength(100);
            e.HasIndex(x => x.AtUtc);
        });
        b.Entity<DeletionRequest>(e =>
        {
            e.ToTable("deletion_requests");
            e.Property(x => x.Scope).HasMaxLength(50);
            e.Property(x => x.Reason).HasMaxLength(500);
            e.Property(x => x.DecisionComment).HasMaxLength(500);
            e.HasOne<StaffAccount>().WithMany().HasForeignKey(x => x.RequestedByAccountId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<StaffAccount>().WithMany().HasForeignKey(x => x.DecidedByAccountId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne<StaffAccount>().WithMany().HasForeignKey(x => x.ExecutedByAccountId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<DeletionTarget>(e =>
        {
            e.ToTable("deletion_targets");
            e.HasIndex(x => new { x.DeletionRequestId, x.TaxpayerId }).IsUnique();
            e.Property(x => x.TaxpayerNo).HasMaxLength(15);
            e.HasOne<DeletionRequest>().WithMany().HasForeignKey(x => x.DeletionRequestId).OnDelete(DeleteBehavior.Restrict);
        });
        b.Entity<DisclosureRequest>(e =>
        {
            e.ToTable("disclosure_requests");
            e.HasIndex(x => x.TaxpayerId);
            e.Property(x => x.RequesterName).HasMaxLength(100);
            e.Property(x => x.RequesterRelation).HasMaxLength(20);
            e.Property(x => x.Details).HasMaxLength(2000);
            e.Property(x => x.RegisteredBy).HasMaxLength(100);
            e.Property(x => x.ReportSha256).HasMaxLength(64);
            e.Property(x => x.Answer).HasMaxLength(2000);
            e.Property(x => x.AnsweredBy).HasMaxLength(100);
            e.HasOne<Taxpayer>().WithMany().HasForeignKey(x => x.TaxpayerId).OnDelete(DeleteBehavior.Restrict);
        });
    }

    private static void ConfigureFacts(Microsoft.EntityFrameworkCore.Metadata.Builders.ComplexPropertyBuilder<TaxpayerFacts> f)
    {
        // Columns carry the item's own name, without a "facts_" prefix.
        f.Property(x => x.PersonKind).HasColumnName("person_kind");
        f.Property(x => x.NameKanji).HasColumnName("name_kanji").HasMaxLength(100);
        f.Property(x => x.NameKana).HasColumnName("name_kana").HasMaxLength(100);
        f.Property(x => x.AliasKanji).HasColumnName("alias_kanji").HasMaxLength(100);
        f.Property(x => x.AliasKana).HasColumnName("alias_kana").HasMaxLength(100);
        f.Property(x => x.BirthDate).HasColumnName("birth_date");
        f.Property(x => x.Sex).HasColumnName("sex");
        f.Property(x => x.HouseholdNo).HasColumnName("household_no").HasMaxLength(15);
        f.Property(x => x.ResidencyStatus).HasColumnName("residency_status");
        f.Property(x => x.PostalCode).HasColumnName("postal_code").HasMaxLength(7);
        f.Property(x => x.MunicipalityCode).HasColumnName("municipality_code").HasMaxLength(6);
        f.Property(x => x.TownName).HasColumnName("town_name").HasMaxLength(100);
        f.Property(x => x.StreetNumber).HasColumnName("street_number").HasMaxLength(50);
        f.Property(x => x.AddressSupplement).HasColumnName("address_supplement").HasMaxLength(100);
        f.Property(x => x.RepresentativeTitle).HasColumnName("representative_title").HasMaxLength(50);
        f.Property(x => x.RepresentativeName).HasColumnName("representative_name").HasMaxLength(100);
        f.Property(x => x.BranchCode).HasColumnName("branch_code").HasMaxLength(10);
        f.Property(x => x.DistrictCode).HasColumnName("district_code").HasMaxLength(10);
        f.Property(x => x.MailReturned).HasColumnName("mail_returned");
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
