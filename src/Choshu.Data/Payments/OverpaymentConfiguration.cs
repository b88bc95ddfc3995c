using Choshu.Data.Assessments;
using Choshu.Data.Taxpayers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Payments;

/// <summary>The store mapping of <see cref="Overpayment"/>.</summary>
internal sealed class OverpaymentConfiguration : IEntityTypeConfiguration<Overpayment>
{
    public void Configure(EntityTypeBuilder<Overpayment> e)
    {
        e.ToTable("overpayments");
        e.HasIndex(x => x.TaxpayerId);
        e.HasIndex(x => x.PaymentId);
        e.HasOne<Payment>().WithMany().HasForeignKey(x => x.PaymentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Taxpayer>().WithMany().HasForeignKey(x => x.TaxpayerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Installment>().WithMany().HasForeignKey(x => x.InstallmentId).OnDelete(DeleteBehavior.Restrict);
    }
}
