using Choshu.Data.Taxpayers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Privacy;

/// <summary>The store mapping of <see cref="DisclosureRequest"/>.</summary>
internal sealed class DisclosureRequestConfiguration : IEntityTypeConfiguration<DisclosureRequest>
{
    public void Configure(EntityTypeBuilder<DisclosureRequest> e)
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
    }
}
