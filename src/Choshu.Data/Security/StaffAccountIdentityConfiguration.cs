using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Choshu.Data.Security;

// The Identity tables that hang off a StaffAccount (the entities are Identity's own): only their names are ours.

/// <summary>The store mapping of Identity's user claims.</summary>
internal sealed class StaffAccountClaimConfiguration : IEntityTypeConfiguration<IdentityUserClaim<long>>
{
    public void Configure(EntityTypeBuilder<IdentityUserClaim<long>> e) => e.ToTable("staff_account_claims");
}

/// <summary>The store mapping of Identity's user logins.</summary>
internal sealed class StaffAccountLoginConfiguration : IEntityTypeConfiguration<IdentityUserLogin<long>>
{
    public void Configure(EntityTypeBuilder<IdentityUserLogin<long>> e) => e.ToTable("staff_account_logins");
}

/// <summary>The store mapping of Identity's user tokens.</summary>
internal sealed class StaffAccountTokenConfiguration : IEntityTypeConfiguration<IdentityUserToken<long>>
{
    public void Configure(EntityTypeBuilder<IdentityUserToken<long>> e) => e.ToTable("staff_account_tokens");
}
