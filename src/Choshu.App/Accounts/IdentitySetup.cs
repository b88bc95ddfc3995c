using Choshu.App.Privacy;
using Choshu.Data;
using Choshu.Data.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Choshu.App.Accounts;

/// <summary>
/// ASP.NET Core Identity for Choshu, usable without ASP.NET hosting (the CLI and tests build a
/// service provider; the web application calls the same method). Identity 10 does not read a
/// <see cref="TimeProvider"/> (its lockout uses the system clock), so lockout is re-implemented
/// in <see cref="ChoshuUserManager"/> on the registered TimeProvider; everything else here reads
/// that TimeProvider too (register a FakeTimeProvider before calling this in tests).
/// <para>
/// The TOTP authenticator keys are sealed by <see cref="ChoshuUserStore"/> with the store's key ring
/// (<see cref="KeyRingSource"/>, registered here as a singleton): the key file of the <see cref="Store"/>
/// registered in the container when there is one (the web application registers its store, and its
/// test host replaces it), else of the <c>store</c> given here — found as <see cref="MyNumberVault.Open"/>
/// finds it (<see cref="Store.KeysFile"/>, CHOSHU_KEYS_FILE, or the ".keys" file beside a SQLite file).
/// It is read at the first use of an authenticator key, not when the services are built.
/// </para>
/// </summary>
public static class IdentitySetup
{
    public static IServiceCollection AddChoshuIdentity(this IServiceCollection services, Store store)
    {
        ArgumentNullException.ThrowIfNull(store);
        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<ChoshuDbContext>(_ => store.CreateContext());
        services.TryAddSingleton(sp => new KeyRingSource(sp.GetService<Store>() ?? store));
        services.Configure<PasswordHasherOptions>(o =>
        {
            o.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3; // PBKDF2-HMAC-SHA512
            o.IterationCount = AccountPolicy.Pbkdf2Iterations;
        });
        services.AddIdentityCore<StaffAccount>(o =>
            {
                // The user name is the staff number: digits only, unique; no e-mail login.
                o.User.AllowedUserNameCharacters = "0123456789";
                o.User.RequireUniqueEmail = false;
                // Length, not composition (NIST SP 800-63B); the common-password list and the
                // staff-number rule are ChoshuPasswordValidator's.
                o.Password.RequiredLength = AccountPolicy.MinPasswordLength;
                o.Password.RequiredUniqueChars = 1;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = AccountPolicy.MaxFailedAttempts;
                o.Lockout.DefaultLockoutTimeSpan = AccountPolicy.LockoutDuration;
                o.SignIn.RequireConfirmedAccount = false;
                o.SignIn.RequireConfirmedEmail = false;
                o.Stores.ProtectPersonalData = false;
            })
            .AddUserStore<ChoshuUserStore>()
            .AddUserManager<ChoshuUserManager>()
            .AddUserValidator<StaffAccountValidator>()
            .AddPasswordValidator<ChoshuPasswordValidator>()
            .AddErrorDescriber<JapaneseIdentityErrorDescriber>();
        services.AddScoped<StaffSignIn>();
        services.AddScoped<TotpEnrollment>();
        services.AddScoped<AccountAdministration>();
        services.AddScoped<AccountReview>();
        return services;
    }
}
