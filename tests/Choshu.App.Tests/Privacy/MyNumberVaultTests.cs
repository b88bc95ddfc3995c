using Choshu.App.Privacy;
using Choshu.Data;
using Choshu.Data.Taxpayers;
using Choshu.Domain;
using Choshu.Domain.Identifiers;

namespace Choshu.App.Tests.Privacy;

/// <summary>
/// Sealing My Numbers at rest: AES-256-GCM bound to the taxpayer id and key version, and the blind index.
/// The numbers are made here with a computed check digit; none appears in a test name.
/// </summary>
public sealed class MyNumberVaultTests
{
    private static readonly DateTime Now = new(2026, 11, 26, 3, 0, 0, DateTimeKind.Utc);

    private static readonly MyNumber A = MyNumber.Parse("123456789018");
    private static readonly MyNumber B = MyNumber.Parse("987654321093");

    private static TaxpayerMyNumber Sealed(MyNumberVault vault, long taxpayerId, MyNumber n)
    {
        var row = new TaxpayerMyNumber { TaxpayerId = taxpayerId };
        vault.Seal(row, n);
        return row;
    }

    [Fact]
    public void Seal_ThenReveal_GivesTheSameDigits()
    {
        var vault = MyNumberVault.FromRing(KeyRing.CreateNew(Now));

        var row = Sealed(vault, 1001, A);

        Assert.Equal(A.Reveal(), vault.Reveal(row).Reveal());
        Assert.Equal(1, row.KeyVersion);
        Assert.Equal(1, vault.CurrentKeyVersion);
    }

    [Fact]
    public void Seal_Value_IsBase64OfNonceCiphertextTagWithoutTheDigits()
    {
        var vault = MyNumberVault.FromRing(KeyRing.CreateNew(Now));

        var row = Sealed(vault, 1001, A);

        var bytes = Convert.FromBase64String(row.Value);
        Assert.Equal(12 + 12 + 16, bytes.Length);
        Assert.Equal(56, row.Value.Length);
        Assert.False(row.Value.Contains(A.Reveal()), "the digits are in the text"); // no DoesNotContain: its failure message would print them
        Assert.False(System.Text.Encoding.Latin1.GetString(bytes).Contains(A.Reveal()), "the digits are in the text"); // no DoesNotContain: its failure message would print them
        Assert.Matches("^[0-9a-f]{64}$", row.BlindIndex);
    }

    [Fact]
    public void Seal_SameNumberTwice_DifferentCiphertextSameBlindIndex()
    {
        var vault = MyNumberVault.FromRing(KeyRing.CreateNew(Now));

        var first = Sealed(vault, 1001, A);
        var second = Sealed(vault, 1001, A);

        Assert.NotEqual(first.Value, second.Value); // random nonce per seal
        Assert.Equal(first.BlindIndex, second.BlindIndex);
        Assert.Equal(vault.BlindIndex(A), first.BlindIndex);
        Assert.NotEqual(vault.BlindIndex(A), vault.BlindIndex(B));
    }

    [Fact]
    public void Seal_TaxpayerIdNotSet_Throws()
    {
        var vault = MyNumberVault.FromRing(KeyRing.CreateNew(Now));

        Assert.Throws<InvalidOperationException>(() => vault.Seal(new TaxpayerMyNumber(), A));
    }

    [Fact]
    public void Reveal_ValueMovedToAnotherTaxpayersRow_Fails()
    {
        var vault = MyNumberVault.FromRing(KeyRing.CreateNew(Now));
        var row = Sealed(vault, 1001, A);

        var moved = new TaxpayerMyNumber { TaxpayerId = 1002, Value = row.Value, KeyVersion = row.KeyVersion, BlindIndex = row.BlindIndex };

        var ex = Assert.Throws<MyNumberVaultException>(() => vault.Reveal(moved));
        Assert.Contains("1002", ex.Message);
        Assert.False(ex.Message.Contains(A.Reveal()), "the digits are in the text"); // no DoesNotContain: its failure message would print them
    }

    [Fact]
    public void Reveal_KeyVersionRelabelled_Fails()
    {
        var ring = KeyRing.CreateNew(Now).WithNewVersion(Now.AddDays(1));
        var vault = MyNumberVault.FromRing(ring);
        var row = Sealed(vault, 1001, A);
        Assert.Equal(2, row.KeyVersion);

        row.KeyVersion = 1; // the key of version 1 exists, but the value was sealed (and bound) under 2

        Assert.Throws<MyNumberVaultException>(() => vault.Reveal(row));
    }

    [Theory]
    [InlineData(0)]   // nonce
    [InlineData(12)]  // first byte of the ciphertext
    [InlineData(23)]  // last byte of the ciphertext
    [InlineData(39)]  // last byte of the tag
    public void Reveal_OneBitFlipped_Fails(int index)
    {
        var vault = MyNumberVault.FromRing(KeyRing.CreateNew(Now));
        var row = Sealed(vault, 1001, A);
        var bytes = Convert.FromBase64String(row.Value);

        bytes[index] ^= 0x01;
        row.Value = Convert.ToBase64String(bytes);

        Assert.Throws<MyNumberVaultException>(() => vault.Reveal(row));
    }

    [Fact]
    public void Reveal_OtherKeyFile_Fails()
    {
        var row = Sealed(MyNumberVault.FromRing(KeyRing.CreateNew(Now)), 1001, A);

        Assert.Throws<MyNumberVaultException>(() => MyNumberVault.FromRing(KeyRing.CreateNew(Now)).Reveal(row));
    }

    [Fact]
    public void Reveal_TruncatedOrNotBase64_Fails()
    {
        var vault = MyNumberVault.FromRing(KeyRing.CreateNew(Now));
        var row = Sealed(vault, 1001, A);

        Assert.Throws<MyNumberVaultException>(() => vault.Reveal(new TaxpayerMyNumber { TaxpayerId = 1001, KeyVersion = 1, Value = row.Value[..40] }));
        Assert.Throws<MyNumberVaultException>(() => vault.Reveal(new TaxpayerMyNumber { TaxpayerId = 1001, KeyVersion = 1, Value = "not base64 at all" }));
    }

    [Fact]
    public void Reveal_VersionNotInRing_FailsNamingTheVersion()
    {
        var vault = MyNumberVault.FromRing(KeyRing.CreateNew(Now));
        var row = Sealed(vault, 1001, A);
        row.KeyVersion = 7;

        var ex = Assert.Throws<MyNumberVaultException>(() => vault.Reveal(row));
        Assert.Contains("鍵バージョン 7", ex.Message);
    }

    [Fact]
    public void Reveal_KeyVersion0_ReadsTheStoredDigits()
    {
        var vault = MyNumberVault.FromRing(KeyRing.CreateNew(Now));

        var n = vault.Reveal(new TaxpayerMyNumber { TaxpayerId = 1001, Value = A.Reveal(), KeyVersion = 0 });

        Assert.Equal(A.Reveal(), n.Reveal());
    }

    [Fact]
    public void Matches_SealedByBlindIndex_PlaintextByDigits()
    {
        var vault = MyNumberVault.FromRing(KeyRing.CreateNew(Now));
        var row = Sealed(vault, 1001, A);
        var legacy = new TaxpayerMyNumber { TaxpayerId = 1002, Value = B.Reveal(), KeyVersion = 0 };

        Assert.True(vault.Matches(row, A));
        Assert.False(vault.Matches(row, B));
        Assert.True(vault.Matches(legacy, B));
        Assert.False(vault.Matches(legacy, A));
        Assert.False(vault.Matches(null, A));
    }

    [Fact]
    public void BlindIndex_AfterAddingAKeyVersion_Unchanged()
    {
        var ring = KeyRing.CreateNew(Now);
        var before = MyNumberVault.FromRing(ring).BlindIndex(A);

        var after = MyNumberVault.FromRing(ring.WithNewVersion(Now.AddDays(30))).BlindIndex(A);

        Assert.Equal(before, after);
    }

    [Fact]
    public void BlindIndex_OtherKeyFile_Differs()
    {
        Assert.NotEqual(MyNumberVault.FromRing(KeyRing.CreateNew(Now)).BlindIndex(A), MyNumberVault.FromRing(KeyRing.CreateNew(Now)).BlindIndex(A));
    }

    [Fact]
    public void Open_PostgresWithNoKeyFileConfigured_JapaneseErrorNamingTheFix()
    {
        if (Environment.GetEnvironmentVariable(Store.KeysEnvironmentVariable) is { Length: > 0 })
            Assert.Fail($"{Store.KeysEnvironmentVariable} is set in the test environment; this test needs it unset.");
        var store = Store.Parse("Host=127.0.0.1;Database=choshu_nokeys");

        var ex = Assert.Throws<KeyRingException>(() => MyNumberVault.Open(store));

        Assert.IsAssignableFrom<DomainException>(ex);
        Assert.Contains("choshu keys init --out", ex.Message);
        Assert.Contains(Store.KeysEnvironmentVariable, ex.Message);
    }

    [Fact]
    public void Open_KeyFileMissing_JapaneseErrorNamingTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"choshu-missing-{Guid.NewGuid():N}.keys");
        var store = Store.Parse("Host=127.0.0.1;Database=x") with { KeysFile = path };

        var ex = Assert.Throws<KeyRingException>(() => MyNumberVault.Open(store));

        Assert.Contains(path, ex.Message);
        Assert.Contains("バックアップ", ex.Message);
    }
}
