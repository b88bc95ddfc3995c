using Choshu.Data.Documents;
using Choshu.Data.Taxpayers;
using Choshu.Domain.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Cases;

/// <summary>
/// 照会先 (table <c>inquiry_targets</c>): a bank branch (金融機関コード 4 digits + 支店コード 3 digits), an employer (法人番号 13 digits
/// with its check digit when a corporation), an insurer, a pension payer, a 法務局 or another municipality, with the address the
/// 照会書 goes to and a contact. One row per branch for banks: the branch is where the deposit is held.
/// </summary>
public sealed class InquiryTarget
{
    public const int NameMaxLength = 60;
    public const int AddressMaxLength = 100;

    public long Id { get; set; }
    public InquiryTargetKind Kind { get; set; }
    public string Name { get; set; } = "";
    /// <summary>金融機関コード (banks; 9900 for ゆうちょ銀行).</summary>
    public string? BankCode { get; set; }
    /// <summary>支店コード (banks).</summary>
    public string? BranchCode { get; set; }
    /// <summary>支店名 (banks).</summary>
    public string? BranchName { get; set; }
    /// <summary>法人番号 (employers, insurers, pension payers that are corporations).</summary>
    public string? CorporateNo { get; set; }
    /// <summary>郵便番号, 7 digits.</summary>
    public string? PostalCode { get; set; }
    public string Address { get; set; } = "";
    /// <summary>担当部署・電話 (e.g. 事務センター 099-000-0000).</summary>
    public string? Contact { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAtUtc { get; set; }
}

/// <summary>
/// 財産調査の照会 (table <c>inquiries</c>): from a case, to one target, about the case's taxpayer. Recorded <see cref="InquiryStatus.Pending"/>;
/// sending it (a 照会書 individually or in a batch run, or a deposit inquiry file) sets <see cref="SentOn"/>, <see cref="DueOn"/>,
/// <see cref="RunKey"/> and the issued document (<see cref="DocumentId"/>, one letter per target and run: several inquiries share it).
/// </summary>
public sealed class Inquiry
{
    public const int RunKeyMaxLength = 60;
    public const int NoteMaxLength = 200;

    public long Id { get; set; }
    public long CaseId { get; set; }
    public long TaxpayerId { get; set; }
    public long TargetId { get; set; }
    public InquiryKind Kind { get; set; }
    public InquiryStatus Status { get; set; } = InquiryStatus.Pending;
    public DateOnly RecordedOn { get; set; }
    public DateOnly? SentOn { get; set; }
    /// <summary>回答期限: the sent date plus the setting <c>inquiry.answer_days</c>, or the date entered.</summary>
    public DateOnly? DueOn { get; set; }
    /// <summary>The day of the first answer.</summary>
    public DateOnly? AnsweredOn { get; set; }
    /// <summary>How it was sent: <c>letter</c> (照会書) or a deposit inquiry channel's name (e.g. <c>csv-v1</c>).</summary>
    public string? SentBy { get; set; }
    /// <summary>The run that sent it (a letter run or a file run): the same key again re-prints, never sends twice.</summary>
    public string? RunKey { get; set; }
    public long? DocumentId { get; set; }
    public string? Note { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAtUtc { get; set; }
}

/// <summary>
/// One answered asset (table <c>inquiry_answers</c>, append-only): a deposit account with its balance, a salary with its deductions, an
/// insurance policy with its surrender value, a piece of real estate with the owner's share, a pension, a residence answer, or 該当なし.
/// Each with its <see cref="Source"/> (書面回答, 電話, the imported file and line) and <see cref="AnsweredOn"/>. A seizure names the answer it
/// seizes by <see cref="Id"/>. <see cref="AccountNo"/> is stored for the seizure notice and never written to a log or an audit detail.
/// </summary>
public sealed class InquiryAnswer
{
    public const int TextMaxLength = 100;

    public long Id { get; set; }
    public long InquiryId { get; set; }
    public long TaxpayerId { get; set; }
    public InquiryAssetKind AssetKind { get; set; }
    public DateOnly AnsweredOn { get; set; }
    /// <summary>書面回答 / 電話 / file name and line of an imported answer.</summary>
    public string Source { get; set; } = "";
    /// <summary>The date the amounts are as of (残高基準日, 支給月, 評価日).</summary>
    public DateOnly? AsOf { get; set; }
    // 預貯金
    public string? BankCode { get; set; }
    public string? BranchCode { get; set; }
    /// <summary>預金種目 (全銀: 1 普通, 2 当座, 4 貯蓄, 9 その他).</summary>
    public short? AccountType { get; set; }
    public string? AccountNo { get; set; }
    public string? Holder { get; set; }
    public long? Balance { get; set; }
    // 給与・年金
    public string? Payer { get; set; }
    public long? Gross { get; set; }
    public long? Deductions { get; set; }
    /// <summary>支給日 (day of month).</summary>
    public short? PayDay { get; set; }
    // 保険
    public string? PolicyNo { get; set; }
    public long? SurrenderValue { get; set; }
    // 不動産
    public string? Location { get; set; }
    /// <summary>土地・建物 etc.</summary>
    public string? PropertyKind { get; set; }
    /// <summary>地積・床面積 in m², as text (e.g. 123.45).</summary>
    public string? Area { get; set; }
    /// <summary>持分 (e.g. 1/2).</summary>
    public string? OwnerShare { get; set; }
    public string? Note { get; set; }
    /// <summary>For an imported answer: file SHA-256 and line number; unique, so a re-run records nothing twice.</summary>
    public string? ImportKey { get; set; }
    public string RecordedBy { get; set; } = "";
    public DateTime RecordedAtUtc { get; set; }
}

internal sealed class InquiryTargetConfiguration : IEntityTypeConfiguration<InquiryTarget>
{
    public void Configure(EntityTypeBuilder<InquiryTarget> e)
    {
        e.ToTable("inquiry_targets");
        e.Property(x => x.Name).HasMaxLength(InquiryTarget.NameMaxLength);
        e.Property(x => x.BankCode).HasMaxLength(4);
        e.Property(x => x.BranchCode).HasMaxLength(3);
        e.Property(x => x.BranchName).HasMaxLength(InquiryTarget.NameMaxLength);
        e.Property(x => x.CorporateNo).HasMaxLength(13);
        e.Property(x => x.PostalCode).HasMaxLength(7);
        e.Property(x => x.Address).HasMaxLength(InquiryTarget.AddressMaxLength);
        e.Property(x => x.Contact).HasMaxLength(InquiryTarget.NameMaxLength);
        e.Property(x => x.RecordedBy).HasMaxLength(100);
        e.HasIndex(x => new { x.BankCode, x.BranchCode }).IsUnique();
        e.HasIndex(x => x.Kind);
    }
}

internal sealed class InquiryConfiguration : IEntityTypeConfiguration<Inquiry>
{
    public void Configure(EntityTypeBuilder<Inquiry> e)
    {
        e.ToTable("inquiries");
        e.HasIndex(x => x.CaseId);
        e.HasIndex(x => x.TaxpayerId);
        e.HasIndex(x => new { x.Status, x.DueOn });
        e.HasIndex(x => x.RunKey);
        e.Property(x => x.SentBy).HasMaxLength(20);
        e.Property(x => x.RunKey).HasMaxLength(Inquiry.RunKeyMaxLength);
        e.Property(x => x.Note).HasMaxLength(Inquiry.NoteMaxLength);
        e.Property(x => x.RecordedBy).HasMaxLength(100);
        e.HasOne<CollectionCase>().WithMany().HasForeignKey(x => x.CaseId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Taxpayer>().WithMany().HasForeignKey(x => x.TaxpayerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<InquiryTarget>().WithMany().HasForeignKey(x => x.TargetId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<IssuedDocument>().WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class InquiryAnswerConfiguration : IEntityTypeConfiguration<InquiryAnswer>
{
    public void Configure(EntityTypeBuilder<InquiryAnswer> e)
    {
        e.ToTable("inquiry_answers");
        e.HasIndex(x => x.InquiryId);
        e.HasIndex(x => x.TaxpayerId);
        e.HasIndex(x => x.ImportKey).IsUnique();
        e.Property(x => x.Source).HasMaxLength(InquiryAnswer.TextMaxLength);
        e.Property(x => x.BankCode).HasMaxLength(4);
        e.Property(x => x.BranchCode).HasMaxLength(3);
        e.Property(x => x.AccountNo).HasMaxLength(8);
        e.Property(x => x.Holder).HasMaxLength(InquiryAnswer.TextMaxLength);
        e.Property(x => x.Payer).HasMaxLength(InquiryAnswer.TextMaxLength);
        e.Property(x => x.PolicyNo).HasMaxLength(30);
        e.Property(x => x.Location).HasMaxLength(InquiryAnswer.TextMaxLength);
        e.Property(x => x.PropertyKind).HasMaxLength(20);
        e.Property(x => x.Area).HasMaxLength(20);
        e.Property(x => x.OwnerShare).HasMaxLength(20);
        e.Property(x => x.Note).HasMaxLength(Inquiry.NoteMaxLength);
        e.Property(x => x.ImportKey).HasMaxLength(80);
        e.Property(x => x.RecordedBy).HasMaxLength(100);
        e.HasOne<Inquiry>().WithMany().HasForeignKey(x => x.InquiryId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Taxpayer>().WithMany().HasForeignKey(x => x.TaxpayerId).OnDelete(DeleteBehavior.Restrict);
    }
}
