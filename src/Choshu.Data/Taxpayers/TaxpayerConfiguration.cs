using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Taxpayers;

/// <summary>The store mapping of <see cref="Taxpayer"/>.</summary>
internal sealed class TaxpayerConfiguration : IEntityTypeConfiguration<Taxpayer>
{
    public void Configure(EntityTypeBuilder<Taxpayer> e)
    {
        e.ToTable("taxpayers");
        e.Property(x => x.TaxpayerNo).HasMaxLength(15);
        e.HasIndex(x => x.TaxpayerNo).IsUnique();
        e.Property(x => x.IntegratedNo).HasMaxLength(15);
        e.Property(x => x.CorporateNumber).HasMaxLength(13);
        e.HasIndex(x => x.CorporateNumber);
        e.Property(x => x.SearchPhone).HasMaxLength(20);
        e.HasIndex(x => x.SearchPhone);
        e.ComplexProperty(x => x.Facts, TaxpayerFactsConfiguration.Configure);
        // search_kana, search_kanji, search_address (text): the search keys, set with Facts. Their indexes
        // (trigram GIN on PostgreSQL) and those on birth_date and on rows without keys are made in SQL by
        // migration TaxpayerSearch: they are provider-specific or on a complex property's column.
    }
}
