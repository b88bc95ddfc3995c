using Choshu.Domain.Assessments;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Assessments;

/// <summary>
/// The books of a tax kind (issue 17), data beside <see cref="TaxKind"/>: the 歳入科目 (款・項・目) its money is handed over to the
/// financial accounting system (財務会計) under, and the article its late fee rests on (延滞金の根拠条文; the rule itself, 地方税法
/// 20条の4の2 rounding and the 特例基準割合 rates, is the same for every municipal tax). A tax kind without a row is handed over
/// under 会計・款・項・目 "00" and named by its own name (the file says so; nothing is refused). A city adds a tax by adding a
/// <see cref="TaxKind"/> row and one of these.
/// </summary>
public sealed class TaxKindAccount
{
    public string TaxKindCode { get; set; } = "";
    /// <summary>会計区分 (e.g. 01 一般会計, 02 国民健康保険事業特別会計).</summary>
    public string Fund { get; set; } = "";
    /// <summary>款 (e.g. 01 市税).</summary>
    public string Kan { get; set; } = "";
    /// <summary>項 (e.g. 01 市民税).</summary>
    public string Kou { get; set; } = "";
    /// <summary>目 (e.g. 01 個人).</summary>
    public string Moku { get; set; } = "";
    /// <summary>科目名 as the accounting system names it.</summary>
    public string AccountName { get; set; } = "";
    /// <summary>延滞金の根拠条文, e.g. 地方税法第326条.</summary>
    public string LateFeeArticle { get; set; } = "";
}

internal sealed class TaxKindAccountConfiguration : IEntityTypeConfiguration<TaxKindAccount>
{
    public void Configure(EntityTypeBuilder<TaxKindAccount> e)
    {
        e.ToTable("tax_kind_accounts");
        e.HasKey(x => x.TaxKindCode);
        e.Property(x => x.TaxKindCode).HasMaxLength(2);
        e.Property(x => x.Fund).HasMaxLength(4);
        e.Property(x => x.Kan).HasMaxLength(4);
        e.Property(x => x.Kou).HasMaxLength(4);
        e.Property(x => x.Moku).HasMaxLength(4);
        e.Property(x => x.AccountName).HasMaxLength(60);
        e.Property(x => x.LateFeeArticle).HasMaxLength(60);
        e.HasOne<TaxKind>().WithOne().HasForeignKey<TaxKindAccount>(x => x.TaxKindCode).OnDelete(DeleteBehavior.Restrict);
        // Typical 市税 款項目 (款1 市税): the city's own codes replace these by data (docs/formats.md "財務会計 歳入日計データ").
        e.HasData(
            new TaxKindAccount { Fund = "01", TaxKindCode = TaxKindCodes.InhabitantTax, Kan = "01", Kou = "01", Moku = "01", AccountName = "市税 市民税 個人", LateFeeArticle = "地方税法第326条" },
            new TaxKindAccount { Fund = "01", TaxKindCode = TaxKindCodes.FixedAssetTax, Kan = "01", Kou = "02", Moku = "01", AccountName = "市税 固定資産税 固定資産税", LateFeeArticle = "地方税法第369条" },
            new TaxKindAccount { Fund = "01", TaxKindCode = TaxKindCodes.LightVehicleTax, Kan = "01", Kou = "03", Moku = "01", AccountName = "市税 軽自動車税 種別割", LateFeeArticle = "地方税法第463条の24" },
            new TaxKindAccount { Fund = "01", TaxKindCode = TaxKindCodes.CorporateInhabitantTax, Kan = "01", Kou = "01", Moku = "02", AccountName = "市税 市民税 法人", LateFeeArticle = "地方税法第326条" });
    }
}
