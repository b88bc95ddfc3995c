using Choshu.Data;
using Choshu.Data.Bulk;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Tests.Seeding;

/// <summary>The bulk writers' column lists must be exactly the tables' columns in the EF model, on both providers.</summary>
public sealed class BulkTablesTests
{
    public static TheoryData<StoreProvider> Providers => SeededCities.Providers;

    [Theory]
    [MemberData(nameof(Providers))]
    public void BulkTables_ListEveryColumnOfTheModel(StoreProvider provider)
    {
        var store = provider == StoreProvider.Postgres
            ? Store.Parse("Host=localhost;Database=model_only")
            : Store.Parse("Data Source=:memory:");
        using var db = store.CreateContext();
        var model = db.Model.GetRelationalModel();

        foreach (var table in BulkTables.All.Concat(BulkTables.PaymentTables).Concat(BulkTables.ClaimTables))
        {
            var modelTable = model.FindTable(table.Name, null) ?? throw new Xunit.Sdk.XunitException($"No table {table.Name} in the model.");
            Assert.Equal(
                modelTable.Columns.Select(c => c.Name).Order(StringComparer.Ordinal),
                table.ColumnNames.Order(StringComparer.Ordinal));
            Assert.Equal(table.HasIdentity, modelTable.Columns.Any(c => c.Name == "id"));
        }
    }
}
