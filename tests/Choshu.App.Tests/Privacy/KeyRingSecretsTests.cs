using System.Text;
using Choshu.App.Privacy;
using Choshu.Data;

namespace Choshu.App.Tests.Privacy;

/// <summary>
/// Secrets other than My Numbers sealed with the key ring (<see cref="KeyRingSecrets"/>): the TOTP
/// authenticator key of a staff account, and the <see cref="KeyRingSource"/> the account store reads
/// the ring from. The key below is a made-up 160-bit base32 key, not anybody's.
/// </summary>
public sealed class KeyRingSecretsTests
{
    private static readonly DateTime Now = new(2026, 11, 26, 1, 0, 0, DateTimeKind.Utc);

    /// <summary>32 base32 characters = 20 bytes, as Identity makes an authenticator key.</summary>
    private const string Key = "K5XWQ3DFMRZGKYLUMRSXQ2LTOR2HK4TB";

    private const long Account = 7;

    [Fact]
    public void SealAuthenticatorKey_Value_IsVersionPrefixAndBase64OfNonceCiphertextTagWithoutTheKey()
    {
        var ring = KeyRing.CreateNew(Now);

        var stored = KeyRingSecrets.SealAuthenticatorKey(ring, Account, Key);

        Assert.StartsWith("v1:", stored, StringComparison.Ordinal);
        var bytes = Convert.FromBase64String(stored[3..]);
        Assert.Equal(12 + 32 + 16, bytes.Length);
        Assert.Equal(3 + 80, stored.Length);
        Assert.DoesNotContain(Key, stored, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(Key, Encoding.Latin1.GetString(bytes), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, KeyRingSecrets.VersionOf(stored));
        Assert.True(KeyRingSecrets.IsSealed(stored));
        Assert.Equal(Key, KeyRingSecrets.OpenAuthenticatorKey(ring, Account, stored));
    }

    [Fact]
    public void SealAuthenticatorKey_SameKeyTwice_DifferentValuesBothOpen()
    {
        var ring = KeyRing.CreateNew(Now);

        var a = KeyRingSecrets.SealAuthenticatorKey(ring, Account, Key);
        var b = KeyRingSecrets.SealAuthenticatorKey(ring, Account, Key);

        Assert.NotEqual(a, b);
        Assert.NotEqual(a[3..19], b[3..19]); // the nonces (first 16 base64 characters = 12 bytes) differ
        Assert.Equal((Key, Key), (KeyRingSecrets.OpenAuthenticatorKey(ring, Account, a), KeyRingSecrets.OpenAuthenticatorKey(ring, Account, b)));
    }

    [Fact]
    public void SealAuthenticatorKey_AfterANewVersion_SealedUnderItOlderValueStillOpens()
    {
        var ring1 = KeyRing.CreateNew(Now);
        var old = KeyRingSecrets.SealAuthenticatorKey(ring1, Account, Key);
        var ring2 = ring1.WithNewVersion(Now.AddDays(1));

        var renewed = KeyRingSecrets.SealAuthenticatorKey(ring2, Account, Key);

        Assert.StartsWith("v2:", renewed, StringComparison.Ordinal);
        Assert.Equal(Key, KeyRingSecrets.OpenAuthenticatorKey(ring2, Account, renewed));
        Assert.Equal(Key, KeyRingSecrets.OpenAuthenticatorKey(ring2, Account, old));
    }

    [Fact]
    public void OpenAuthenticatorKey_ValueOfAnotherAccount_FailsNamingTheAccountNotTheKey()
    {
        var ring = KeyRing.CreateNew(Now);
        var stored = KeyRingSecrets.SealAuthenticatorKey(ring, Account, Key);

        var ex = Assert.Throws<SealedSecretException>(() => KeyRingSecrets.OpenAuthenticatorKey(ring, 8, stored));

        Assert.Contains("利用者ID 8 の認証アプリの鍵を復号できません", ex.Message);
        Assert.DoesNotContain(Key, ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Open_SealedForAnotherPurpose_Fails()
    {
        var ring = KeyRing.CreateNew(Now);
        var stored = KeyRingSecrets.Seal(ring, "choshu:some-other-secret:v1", Account, Key);

        Assert.Throws<SealedSecretException>(() => KeyRingSecrets.OpenAuthenticatorKey(ring, Account, stored));
        Assert.Equal(Key, KeyRingSecrets.Open(ring, "choshu:some-other-secret:v1", Account, stored, "x"));
    }

    [Fact]
    public void OpenAuthenticatorKey_VersionRelabelled_Fails()
    {
        var ring = KeyRing.CreateNew(Now).WithNewVersion(Now);
        var stored = KeyRingSecrets.SealAuthenticatorKey(ring, Account, Key);
        Assert.StartsWith("v2:", stored, StringComparison.Ordinal);

        Assert.Throws<SealedSecretException>(() => KeyRingSecrets.OpenAuthenticatorKey(ring, Account, "v1:" + stored[3..]));
    }

    [Fact]
    public void OpenAuthenticatorKey_OtherKeyFile_Fails()
    {
        var stored = KeyRingSecrets.SealAuthenticatorKey(KeyRing.CreateNew(Now), Account, Key);

        Assert.Throws<SealedSecretException>(() => KeyRingSecrets.OpenAuthenticatorKey(KeyRing.CreateNew(Now), Account, stored));
    }

    [Theory]
    [InlineData(0)]   // nonce
    [InlineData(20)]  // ciphertext
    [InlineData(59)]  // tag
    public void OpenAuthenticatorKey_OneBitFlipped_Fails(int byteIndex)
    {
        var ring = KeyRing.CreateNew(Now);
        var bytes = Convert.FromBase64String(KeyRingSecrets.SealAuthenticatorKey(ring, Account, Key)[3..]);
        bytes[byteIndex] ^= 0x01;

        Assert.Throws<SealedSecretException>(() => KeyRingSecrets.OpenAuthenticatorKey(ring, Account, "v1:" + Convert.ToBase64String(bytes)));
    }

    [Fact]
    public void OpenAuthenticatorKey_TruncatedOrNotBase64_Fails()
    {
        var ring = KeyRing.CreateNew(Now);
        var stored = KeyRingSecrets.SealAuthenticatorKey(ring, Account, Key);
        var truncated = "v1:" + Convert.ToBase64String(Convert.FromBase64String(stored[3..])[..27]);

        Assert.Throws<SealedSecretException>(() => KeyRingSecrets.OpenAuthenticatorKey(ring, Account, truncated));
        Assert.Throws<SealedSecretException>(() => KeyRingSecrets.OpenAuthenticatorKey(ring, Account, "v1:%%%not base64%%%"));
        Assert.Throws<SealedSecretException>(() => KeyRingSecrets.OpenAuthenticatorKey(ring, Account, "v1:"));
    }

    [Fact]
    public void OpenAuthenticatorKey_VersionNotInRing_FailsNamingTheVersion()
    {
        var ring = KeyRing.CreateNew(Now);
        var stored = KeyRingSecrets.SealAuthenticatorKey(ring.WithNewVersion(Now).WithNewVersion(Now), Account, Key);

        var ex = Assert.Throws<SealedSecretException>(() => KeyRingSecrets.OpenAuthenticatorKey(ring, Account, stored));

        Assert.Contains("鍵バージョン 3", ex.Message);
        Assert.DoesNotContain(Key, ex.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(Key, 0, false)]         // plaintext base32 from before encryption
    [InlineData("v1:AAAA", 1, true)]
    [InlineData("v12:AAAA", 12, true)]
    [InlineData("v0:AAAA", 0, false)]   // there is no key version 0
    [InlineData("V1:AAAA", 0, false)]
    [InlineData("v:AAAA", 0, false)]
    [InlineData("v1234567890:AAAA", 0, false)] // more digits than a version has
    public void VersionOf_StoredValue_VersionOrZeroForPlaintext(string stored, int version, bool isSealed)
    {
        Assert.Equal((version, isSealed), (KeyRingSecrets.VersionOf(stored), KeyRingSecrets.IsSealed(stored)));
    }

    [Fact]
    public void OpenAuthenticatorKey_PlaintextFromBeforeEncryption_ReturnedAsItIs()
    {
        Assert.Equal(Key, KeyRingSecrets.OpenAuthenticatorKey(KeyRing.CreateNew(Now), Account, Key));
    }

    [Fact]
    public void Source_KeyFileRotatedByAnotherProcess_NextCurrentHasTheNewVersion()
    {
        var path = Path.Combine(Path.GetTempPath(), $"choshu-source-{Guid.NewGuid():N}.keys");
        try
        {
            var ring = KeyRingFile.CreateNew(path, Now);
            var source = new KeyRingSource(Store.Parse("Host=127.0.0.1;Database=x") with { KeysFile = path });

            var first = source.Current();
            var again = source.Current();
            KeyRingFile.Save(path, ring.WithNewVersion(Now.AddDays(1))); // what keys rotate does, in another process
            var afterRotation = source.Current();

            Assert.Equal(1, first.CurrentVersion);
            Assert.Same(first, again); // unchanged file: not read again
            Assert.Equal(2, afterRotation.CurrentVersion);
            var stored = KeyRingSecrets.SealAuthenticatorKey(afterRotation, Account, Key);
            Assert.StartsWith("v2:", stored, StringComparison.Ordinal);
            Assert.Equal(Key, KeyRingSecrets.OpenAuthenticatorKey(source.Reload(), Account, stored));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Source_PostgresWithNoKeyFileConfigured_BuiltWithoutErrorFirstUseNamesTheFix()
    {
        if (Environment.GetEnvironmentVariable(Store.KeysEnvironmentVariable) is { Length: > 0 })
            Assert.Fail($"{Store.KeysEnvironmentVariable} is set in the test environment; this test needs it unset.");
        var source = new KeyRingSource(Store.Parse("Host=127.0.0.1;Database=choshu_nokeys"));

        var ex = Assert.Throws<KeyRingException>(source.Current);

        Assert.Contains("choshu keys init --out", ex.Message);
        Assert.Contains(Store.KeysEnvironmentVariable, ex.Message);
    }
}
