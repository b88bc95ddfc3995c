using Choshu.Web.Security;
using Microsoft.AspNetCore.DataProtection;

namespace Choshu.Web.Tests;

/// <summary>Record handles in URLs: meaningless outside the session that got them, and never the id itself.</summary>
public sealed class OpaqueIdsTests
{
    private readonly OpaqueIds _ids = new(new EphemeralDataProtectionProvider());

    [Fact]
    public void Protect_RoundTripInSameSession_GivesTheId()
    {
        var handle = _ids.Protect("taxpayer", 600123, sessionId: 17);
        Assert.True(_ids.TryUnprotect("taxpayer", handle, 17, out long id));
        Assert.Equal(600123, id);
        Assert.DoesNotContain("600123", handle, StringComparison.Ordinal);
        Assert.Matches("^[A-Za-z0-9_-]+$", handle); // URL-safe as it is
    }

    [Fact]
    public void Unprotect_OtherSession_Refused() =>
        Assert.False(_ids.TryUnprotect("taxpayer", _ids.Protect("taxpayer", 600123, 17), 18, out long _));

    [Fact]
    public void Unprotect_OtherKind_Refused() =>
        Assert.False(_ids.TryUnprotect("payment", _ids.Protect("taxpayer", 600123, 17), 17, out long _));

    [Fact]
    public void Unprotect_Tampered_Refused()
    {
        var handle = _ids.Protect("taxpayer", 600123, 17);
        var tampered = (handle[5] == 'A' ? "B" : "A") is var c ? handle[..5] + c + handle[6..] : handle;
        Assert.False(_ids.TryUnprotect("taxpayer", tampered, 17, out long _));
        Assert.False(_ids.TryUnprotect("taxpayer", "600123", 17, out long _));
        Assert.False(_ids.TryUnprotect("taxpayer", null, 17, out long _));
    }

    [Fact]
    public void Protect_SameIdTwice_DifferentHandles() =>
        Assert.NotEqual(_ids.Protect("taxpayer", 5, 1), _ids.Protect("taxpayer", 5, 1));

    [Fact]
    public void Protect_TaxpayerNumber_RoundTripsAndDoesNotShowIt()
    {
        var handle = _ids.Protect("taxpayer", "000123456", sessionId: 17);
        Assert.DoesNotContain("123456", handle, StringComparison.Ordinal);
        Assert.True(_ids.TryUnprotect("taxpayer", handle, 17, out string? key));
        Assert.Equal("000123456", key);
        Assert.False(_ids.TryUnprotect("taxpayer", handle, 18, out string? _));
    }
}
