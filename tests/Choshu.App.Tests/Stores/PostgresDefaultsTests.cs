using Choshu.Data;
using Npgsql;

namespace Choshu.App.Tests.Stores;

/// <summary>The connection defaults a PostgreSQL store gets unless its connection string names them.</summary>
public sealed class PostgresDefaultsTests
{
    private const string Plain = "Host=127.0.0.1;Port=5432;Username=u;Password=p;Database=d";

    private static NpgsqlConnectionStringBuilder Apply(string cs) => new(Store.WithPostgresDefaults(cs));

    [Fact]
    public void WithPostgresDefaults_NothingNamed_Pool20AutoPrepare64AfterTwoUses()
    {
        var b = Apply(Plain);

        Assert.Equal(20, b.MaxPoolSize);
        Assert.Equal(64, b.MaxAutoPrepare);
        Assert.Equal(2, b.AutoPrepareMinUsages);
        Assert.True(b.NoResetOnClose);
        Assert.Equal("d", b.Database);
    }

    [Fact]
    public void WithPostgresDefaults_NoResetOnCloseNamedFalse_Kept()
    {
        Assert.False(Apply(Plain + ";No Reset On Close=false").NoResetOnClose);
    }

    [Fact]
    public void WithPostgresDefaults_MaximumPoolSizeNamed_Kept()
    {
        Assert.Equal(50, Apply(Plain + ";Maximum Pool Size=50").MaxPoolSize);
    }

    [Fact]
    public void WithPostgresDefaults_OnlyMinimumPoolSizeNamed_MaximumStill20()
    {
        var b = Apply(Plain + ";Minimum Pool Size=2");

        Assert.Equal(2, b.MinPoolSize);
        Assert.Equal(20, b.MaxPoolSize);
    }

    [Fact]
    public void WithPostgresDefaults_AutoPrepareOff_StaysOff()
    {
        Assert.Equal(0, Apply(Plain + ";Max Auto Prepare=0").MaxAutoPrepare);
    }

    [Fact]
    public void WithPostgresDefaults_OnlyMinUsagesNamed_MinUsagesKeptAutoPrepareStill64()
    {
        var b = Apply(Plain + ";Auto Prepare Min Usages=5");

        Assert.Equal(5, b.AutoPrepareMinUsages);
        Assert.Equal(64, b.MaxAutoPrepare);
    }
}
