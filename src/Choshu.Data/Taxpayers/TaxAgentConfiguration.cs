using Choshu.Data.Assessments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Taxpayers;

/// <summary>The store mapping of <see cref="TaxAgent"/>.</summary>
internal sealed class TaxAgentConfiguration : IEntityTypeConfiguration<TaxAgent>
{
    public void Configure(EntityTypeBuilder<TaxAgent> e)
    {
        e.ToTable("tax_agents");
        e.HasOne<Taxpayer>().WithMany().HasForeignKey(x => x.TaxpayerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Taxpayer>().WithMany().HasForeignKey(x => x.AgentTaxpayerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<TaxKind>().WithMany().HasForeignKey(x => x.TaxKindCode).OnDelete(DeleteBehavior.Restrict);
        e.Property(x => x.RecordedBy).HasMaxLength(100);
    }
}
