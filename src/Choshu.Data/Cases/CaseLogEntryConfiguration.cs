using Choshu.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Cases;

/// <summary>
/// <c>case_log_entries</c>: 経過記録 (<see cref="CaseLogEntry"/>), append-only (triggers in <c>Migrations/Sql/CaseLogSql.cs</c>
/// refuse UPDATE and DELETE). One entry per (source, external key), so a call-centre file imported twice adds nothing.
/// </summary>
public sealed class CaseLogEntryConfiguration : IEntityTypeConfiguration<CaseLogEntry>
{
    public void Configure(EntityTypeBuilder<CaseLogEntry> e)
    {
        e.ToTable("case_log_entries");
        e.HasIndex(x => new { x.CaseId, x.ContactedOn });
        e.HasIndex(x => new { x.Source, x.ExternalKey }).IsUnique();
        e.Property(x => x.Counterpart).HasMaxLength(CaseLogEntry.CounterpartMaxLength);
        e.Property(x => x.Content).HasMaxLength(CaseLogEntry.ContentMaxLength);
        e.Property(x => x.NextAction).HasMaxLength(CaseLogEntry.NextActionMaxLength);
        e.Property(x => x.ExternalKey).HasMaxLength(100);
        e.Property(x => x.ActorName).HasMaxLength(100);
        e.HasOne<CollectionCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<CaseLogEntry>().WithMany().HasForeignKey(x => x.CorrectsEntryId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>
/// 地区担当表: from a day on, the officer in charge of a district (地区コード → 担当者), set by an approver. Append-only:
/// a change is a new row; the rule on a day is the row of the district with the latest <see cref="ValidFrom"/> on or
/// before it (the latest id on a tie). A row with no officer ends the district's rule.
/// </summary>
public sealed class DistrictOfficer
{
    public long Id { get; set; }
    public string DistrictCode { get; set; } = "";
    public long? OfficerAccountId { get; set; }
    public DateOnly ValidFrom { get; set; }
    public string SetBy { get; set; } = "";
    public DateTime RecordedAtUtc { get; set; }
}

public sealed class DistrictOfficerConfiguration : IEntityTypeConfiguration<DistrictOfficer>
{
    public void Configure(EntityTypeBuilder<DistrictOfficer> e)
    {
        e.ToTable("district_officers");
        e.HasIndex(x => new { x.DistrictCode, x.ValidFrom });
        e.Property(x => x.DistrictCode).HasMaxLength(10);
        e.Property(x => x.SetBy).HasMaxLength(100);
        e.HasOne<Security.StaffAccount>().WithMany().HasForeignKey(x => x.OfficerAccountId).OnDelete(DeleteBehavior.Restrict);
    }
}
