using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Assessments;

/// <summary>The store mapping of <see cref="Installment"/>.</summary>
internal sealed class InstallmentConfiguration : IEntityTypeConfiguration<Installment>
{
    public void Configure(EntityTypeBuilder<Installment> e)
    {
        e.ToTable("installments");
        e.HasIndex(x => new { x.AssessmentId, x.Period }).IsUnique();
        e.HasIndex(x => x.DueDate);
    }
}
