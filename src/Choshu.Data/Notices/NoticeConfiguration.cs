using Choshu.Data.Assessments;
using Choshu.Data.Documents;
using Choshu.Data.Ledger;
using Choshu.Data.Taxpayers;
using Choshu.Domain.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Notices;

/// <summary>The store mapping of <see cref="NoticeRun"/>.</summary>
internal sealed class NoticeRunConfiguration : IEntityTypeConfiguration<NoticeRun>
{
    public void Configure(EntityTypeBuilder<NoticeRun> e)
    {
        e.ToTable("notice_runs");
        e.Property(x => x.Kind).HasMaxLength(40);
        e.Property(x => x.Conditions).HasMaxLength(4000);
        e.Property(x => x.ConditionSetName).HasMaxLength(100);
        e.Property(x => x.CreatedBy).HasMaxLength(100);
        e.Property(x => x.DispatchedBy).HasMaxLength(100);
        e.Property(x => x.CancelledBy).HasMaxLength(100);
        e.Property(x => x.CancelReason).HasMaxLength(500);
        e.Property(x => x.PdfSha256).HasMaxLength(64);
        e.Property(x => x.VendorFileSha256).HasMaxLength(64);
        e.HasIndex(x => new { x.Kind, x.CreatedAtUtc });
    }
}

/// <summary>The store mapping of <see cref="NoticeLetter"/>.</summary>
internal sealed class NoticeLetterConfiguration : IEntityTypeConfiguration<NoticeLetter>
{
    public void Configure(EntityTypeBuilder<NoticeLetter> e)
    {
        e.ToTable("notice_letters");
        e.HasIndex(x => new { x.RunId, x.Seq }).IsUnique();
        e.HasIndex(x => x.TaxpayerId);
        e.HasIndex(x => x.DocumentId).IsUnique();
        e.Property(x => x.PulledReason).HasMaxLength(500);
        e.HasOne<NoticeRun>().WithMany().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Taxpayer>().WithMany().HasForeignKey(x => x.TaxpayerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Taxpayer>().WithMany().HasForeignKey(x => x.AddresseeTaxpayerId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<IssuedDocument>().WithMany().HasForeignKey(x => x.DocumentId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>The store mapping of <see cref="NoticeLetterItem"/>.</summary>
internal sealed class NoticeLetterItemConfiguration : IEntityTypeConfiguration<NoticeLetterItem>
{
    public void Configure(EntityTypeBuilder<NoticeLetterItem> e)
    {
        e.ToTable("notice_letter_items");
        e.HasIndex(x => x.LetterId);
        e.HasIndex(x => new { x.InstallmentId, x.RunId });
        e.HasIndex(x => x.RunId);
        e.HasOne<NoticeLetter>().WithMany().HasForeignKey(x => x.LetterId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<NoticeRun>().WithMany().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Installment>().WithMany().HasForeignKey(x => x.InstallmentId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<ClaimEvent>().WithMany().HasForeignKey(x => x.ClaimEventId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<JournalEntry>().WithMany().HasForeignKey(x => x.FeeEntryId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>The store mapping of <see cref="ReturnedMail"/>.</summary>
internal sealed class ReturnedMailConfiguration : IEntityTypeConfiguration<ReturnedMail>
{
    public void Configure(EntityTypeBuilder<ReturnedMail> e)
    {
        e.ToTable("returned_mail");
        e.Property(x => x.Note).HasMaxLength(500);
        e.Property(x => x.ResolutionNote).HasMaxLength(500);
        e.Property(x => x.RecordedBy).HasMaxLength(100);
        e.Property(x => x.ResolvedBy).HasMaxLength(100);
        e.HasIndex(x => x.LetterId);
        e.HasIndex(x => x.TaxpayerId);
        e.HasOne<NoticeLetter>().WithMany().HasForeignKey(x => x.LetterId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Taxpayer>().WithMany().HasForeignKey(x => x.TaxpayerId).OnDelete(DeleteBehavior.Restrict);
    }
}

/// <summary>The store mapping of <see cref="NoticeConditionSet"/>.</summary>
internal sealed class NoticeConditionSetConfiguration : IEntityTypeConfiguration<NoticeConditionSet>
{
    public void Configure(EntityTypeBuilder<NoticeConditionSet> e)
    {
        e.ToTable("notice_condition_sets");
        e.Property(x => x.Name).HasMaxLength(100);
        e.Property(x => x.Kind).HasMaxLength(40);
        e.Property(x => x.Conditions).HasMaxLength(4000);
        e.Property(x => x.SavedBy).HasMaxLength(100);
        e.HasIndex(x => x.Name).IsUnique();
    }
}
