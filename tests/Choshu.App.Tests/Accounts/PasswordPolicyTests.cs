using System.Buffers.Binary;
using Choshu.App.Accounts;
using Choshu.Data;
using Choshu.Domain.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Choshu.App.Tests.Accounts;

/// <summary>Passwords: at least 12 characters, not common, not containing the staff number, not one repeated character; PBKDF2-HMAC-SHA512 with 210,000 iterations.</summary>
public sealed class PasswordPolicyTests
{
    private static readonly DateOnly Apr1 = new(2026, 4, 1);

    [Theory]
    [InlineData("eleven char", "パスワードは 12 文字以上にしてください。")]
    [InlineData("qwerty123456", "よく使われるパスワードの一覧にあるため使えません。推測されにくい長い語句にしてください。")]
    [InlineData("QWERTY123456", "よく使われるパスワードの一覧にあるため使えません。推測されにくい長い語句にしてください。")]
    [InlineData("1qaz2wsx3edc", "よく使われるパスワードの一覧にあるため使えません。推測されにくい長い語句にしてください。")]
    [InlineData("my number is 40961 ok", "職員番号を含むパスワードは使えません。")]
    [InlineData("zzzzzzzzzzzzzzzz", "同じ文字の繰り返しだけのパスワードは使えません。")]
    public async Task SetPassword_Refused_WithReasonAndHashUnchanged(string password, string reason)
    {
        await using var h = await AccountsHarness.CreateAsync(StoreProvider.Postgres);
        await h.RunAsync(sp => sp.GetRequiredService<AccountAdministration>()
            .CreateAsync(new NewAccount("40961", "中村 四郎", "NZ01", "SY01", Apr1), AccountsHarness.Admin));
        var before = (await h.AccountAsync("40961")).PasswordHash;

        var ex = await Assert.ThrowsAsync<AccountException>(() => h.RunAsync(sp =>
            sp.GetRequiredService<AccountAdministration>().SetPasswordAsync("40961", password, AccountsHarness.Admin)));

        Assert.Contains(reason, ex.Message);
        Assert.DoesNotContain(password, ex.Message);
        Assert.Equal(before, (await h.AccountAsync("40961")).PasswordHash);
    }

    [Fact]
    public async Task SetPassword_LongUncommonPhrase_AcceptedAndMustBeChanged()
    {
        await using var h = await AccountsHarness.CreateAsync(StoreProvider.Postgres);
        await h.RunAsync(sp => sp.GetRequiredService<AccountAdministration>()
            .CreateAsync(new NewAccount("40962", "中村 五郎", "NZ01", "SY01", Apr1), AccountsHarness.Admin));

        await h.RunAsync(sp => sp.GetRequiredService<AccountAdministration>().SetPasswordAsync("40962", "copper gate, wet lilies", AccountsHarness.Admin));

        Assert.True((await h.AccountAsync("40962")).MustChangePassword);
        var audit = Assert.Single(await h.AuditAsync(), e => e.Kind == AuditEventKind.PasswordChanged);
        Assert.DoesNotContain("copper", audit.Detail);
    }

    [Fact]
    public void CommonPasswords_ShippedList_HoldsOnlyEntriesOfTwelveOrMore()
    {
        Assert.Equal(43_940, CommonPasswords.Count);
        Assert.True(CommonPasswords.Contains("iloveyou1234"));
        Assert.True(CommonPasswords.Contains("PASSWORD1234"));
        Assert.False(CommonPasswords.Contains("copper gate, wet lilies"));
    }

    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task StoredHash_IsPbkdf2HmacSha512With210000Iterations(StoreProvider provider)
    {
        await using var h = await AccountsHarness.CreateAsync(provider);
        await h.RunAsync(sp => sp.GetRequiredService<AccountAdministration>()
            .CreateAsync(new NewAccount("40963", "中村 六郎", "NZ01", "SY01", Apr1), AccountsHarness.Admin));

        var bytes = Convert.FromBase64String((await h.AccountAsync("40963")).PasswordHash!);

        // Identity V3 format: 0x01, PRF (uint32 big-endian: 2 = HMACSHA512), iteration count, salt length, salt, subkey.
        Assert.Equal(0x01, bytes[0]);
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1, 4)));
        var iterations = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5, 4));
        Assert.True(iterations >= 210_000, $"iterations {iterations}");
        Assert.Equal(210_000u, iterations);
        Assert.Equal(16u, BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(9, 4)));
        Assert.Equal(13 + 16 + 32, bytes.Length);
    }

    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task RecoveryCode_SingleUseAndNeverStoredInPlaintext(StoreProvider provider)
    {
        await using var h = await AccountsHarness.CreateAsync(provider);
        var p = await h.EnrollAsync("40964", [Role.CollectionClerk], Apr1);
        var code = p.RecoveryCodes[3];

        var first = await h.SignInAsync(p.StaffNo, p.Password, code.ToLowerInvariant());
        var again = await h.SignInAsync(p.StaffNo, p.Password, code);

        Assert.Equal(10, p.RecoveryCodes.Distinct().Count());
        Assert.All(p.RecoveryCodes, c => Assert.Matches("^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}$", c));
        Assert.Equal(SignInOutcome.Succeeded, first.Outcome);
        Assert.Equal(SignInOutcome.Failed, again.Outcome);
        Assert.Single(await h.AuditAsync(), e => e.Kind == AuditEventKind.RecoveryCodeUsed && e.Detail == "残り 9 個");
        await using var db = h.Store.Open();
        var tokens = await db.Set<Microsoft.AspNetCore.Identity.IdentityUserToken<long>>().AsNoTracking().ToListAsync();
        Assert.Contains(tokens, t => t.Name == "RecoveryCodeHashes");
        foreach (var t in tokens)
            foreach (var c in p.RecoveryCodes)
            {
                Assert.DoesNotContain(c, t.Value ?? "", StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(c.Replace("-", "", StringComparison.Ordinal), t.Value ?? "", StringComparison.OrdinalIgnoreCase);
            }
        var stored = tokens.Single(t => t.Name == "RecoveryCodeHashes").Value!;
        Assert.Equal(9, stored["v1:".Length..].Split(';').Length);
    }
}
