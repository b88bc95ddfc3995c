using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Security;

/// <summary>
/// One failed sign-in (wrong password, wrong or replayed code, unknown ID) as the throttle counts it (issue 18, defect 8):
/// the ID as typed, kept only as its SHA-256 (<see cref="IdKey"/>: a password typed into the ID field is not stored), and
/// the source (the web client's address, or <c>cli:OSUSER</c>). Rows of a pair are removed when that pair signs in; rows
/// older than the throttle's window are pruned. The 操作ログ keeps the history; this table is only the throttle's memory.
/// </summary>
public sealed class SignInFailure
{
    public long Id { get; set; }
    /// <summary>Lowercase hex SHA-256 of the typed ID, trimmed.</summary>
    public string IdKey { get; set; } = "";
    /// <summary>Where the attempt came from (at most 100 characters).</summary>
    public string Source { get; set; } = "";
    public DateTime AtUtc { get; set; }
}

/// <summary>The store mapping of <see cref="SignInFailure"/>.</summary>
internal sealed class SignInFailureConfiguration : IEntityTypeConfiguration<SignInFailure>
{
    public void Configure(EntityTypeBuilder<SignInFailure> e)
    {
        e.ToTable("sign_in_failures");
        e.Property(x => x.IdKey).HasMaxLength(64);
        e.Property(x => x.Source).HasMaxLength(100);
        e.HasIndex(x => new { x.IdKey, x.AtUtc });
        e.HasIndex(x => new { x.Source, x.AtUtc });
        e.HasIndex(x => x.AtUtc);
    }
}
