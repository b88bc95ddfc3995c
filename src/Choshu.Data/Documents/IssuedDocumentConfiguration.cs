using Choshu.Data.Assessments;
using Choshu.Data.Taxpayers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Documents;

/// <summary>The store mapping of <see cref="IssuedDocument"/>.</summary>
internal sealed class IssuedDocumentConfiguration : IEntityTypeConfiguration<IssuedDocument>
{
    public void Configure(EntityTypeBuilder<IssuedDocument> e)
    {
        e.ToTable("issued_documents");
        e.Property(x => x.Kind).HasMaxLength(40);
        e.Property(x => x.Template).HasMaxLength(100);
        e.Property(x => x.DataSha256).HasMaxLength(64);
        e.Property(x => x.FileSha256).HasMaxLength(64);
        e.Property(x => x.ActorName).HasMaxLength(100);
        e.Property(x => x.Purpose).HasMaxLength(500);
        e.HasIndex(x => x.TaxpayerId);
        e.HasIndex(x => x.RunId);
        e.HasOne<Taxpayer>().WithMany().HasForeignKey(x => x.TaxpayerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Installment>().WithMany().HasForeignKey(x => x.InstallmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<IssuedDocument>().WithMany().HasForeignKey(x => x.ReprintOfId).OnDelete(DeleteBehavior.Restrict);
        // account_id has no foreign key, as in audit_events and data_releases: the record outlives the account.
    }
}
