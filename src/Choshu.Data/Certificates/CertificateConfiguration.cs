using Choshu.Data.Documents;
using Choshu.Data.Privacy;
using Choshu.Data.Taxpayers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Certificates;

/// <summary>The store mapping of <see cref="Certificate"/>.</summary>
internal sealed class CertificateConfiguration : IEntityTypeConfiguration<Certificate>
{
    public void Configure(EntityTypeBuilder<Certificate> e)
    {
        e.ToTable("certificates");
        e.Property(x => x.VerificationNo).HasMaxLength(16);
        e.HasIndex(x => x.VerificationNo).IsUnique();
        e.Property(x => x.Years).HasMaxLength(100);
        e.Property(x => x.VehicleNo).HasMaxLength(20);
        e.Property(x => x.RequesterName).HasMaxLength(100);
        e.Property(x => x.ActorName).HasMaxLength(100);
        e.HasIndex(x => x.TaxpayerId);
        e.HasOne<Taxpayer>().WithMany().HasForeignKey(x => x.TaxpayerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<IssuedDocument>().WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>The store mapping of <see cref="TransferItem"/>.</summary>
internal sealed class TransferItemConfiguration : IEntityTypeConfiguration<TransferItem>
{
    public void Configure(EntityTypeBuilder<TransferItem> e)
    {
        e.ToTable("transfer_items");
        e.Property(x => x.ItemKey).HasMaxLength(20);
        e.Property(x => x.Sha256).HasMaxLength(64);
        e.HasIndex(x => new { x.TaxpayerId, x.DataReleaseId });
        e.HasIndex(x => x.DataReleaseId);
        e.HasOne<DataRelease>().WithMany().HasForeignKey(x => x.DataReleaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Taxpayer>().WithMany().HasForeignKey(x => x.TaxpayerId).OnDelete(DeleteBehavior.Restrict);
    }
}
