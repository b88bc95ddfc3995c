using Choshu.Domain.Security;

namespace Choshu.Domain.Tests.Security;

/// <summary>System actors keep the stored strings: "system:seed", "system:cli:OSUSER".</summary>
public class SystemActorTests
{
    [Fact]
    public void Names_StoredStringsUnchanged()
    {
        Assert.Equal("system:seed", SystemActor.Seed.Name);
        Assert.Equal("system:cli:batch", SystemActor.Cli("batch").Name);
        Assert.Equal("batch", SystemActor.Cli("batch").OsUser);
    }

    [Fact]
    public void Parse_StoredName_RoundTrips()
    {
        Assert.Same(SystemActor.Seed, SystemActor.Parse("system:seed"));
        Assert.Equal(SystemActor.Cli("tanaka"), SystemActor.Parse("system:cli:tanaka"));
    }

    [Theory]
    [InlineData("200001")]
    [InlineData("system:")]
    [InlineData("system:cli:")]
    [InlineData("system:unknown")]
    [InlineData("SYSTEM:seed")]
    public void TryParse_NotASystemActor_False(string name)
    {
        Assert.False(SystemActor.TryParse(name, out _));
        Assert.Throws<FormatException>(() => SystemActor.Parse(name));
    }
}
