using Choshu.Data.Taxpayers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Assessments;

/// <summary>The store mapping of <see cref="Assessment"/>.</summary>
internal sealed class AssessmentConfiguration : IEntityTypeConfiguration<Assessment>
{
    public void Configure(EntityTypeBuilder<Assessment> e)
    {
        e.ToTable("assessments");
        e.Property(x => x.NoticeNo).HasMaxLength(20);
        e.Property(x => x.VehicleNo).HasMaxLength(20);
        e.HasIndex(x => x.VehicleNo).HasFilter("vehicle_no IS NOT NULL");
        e.HasIndex(x => new { x.TaxKindCode, x.FiscalYear, x.LiabilityYear, x.NoticeNo }).IsUnique();
        e.HasIndex(x => x.TaxpayerId);
        e.HasIndex(x => x.NoticeNo);
        e.HasOne<Taxpayer>().WithMany().HasForeignKey(x => x.TaxpayerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<TaxKind>().WithMany().HasForeignKey(x => x.TaxKindCode).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(x => x.Installments).WithOne(x => x.Assessment).HasForeignKey(x => x.AssessmentId).OnDelete(DeleteBehavior.Restrict);
    }
}
