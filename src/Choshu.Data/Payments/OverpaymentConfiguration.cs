using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Payments;

/// <summary>
/// The store mapping of <see cref="Overpayment"/>: the read-only view <c>overpayments</c> over the journal's overpayment
/// account (created by the migration OverpaymentAccount, SQL in <c>Migrations/Sql/OverpaymentAccountSql.cs</c>).
/// </summary>
internal sealed class OverpaymentConfiguration : IEntityTypeConfiguration<Overpayment>
{
    public void Configure(EntityTypeBuilder<Overpayment> e)
    {
        e.ToView("overpayments");
        e.HasKey(x => x.Id);
    }
}
