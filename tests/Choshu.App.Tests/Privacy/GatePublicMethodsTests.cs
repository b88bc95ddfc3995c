using System.Reflection;
using Choshu.App.Privacy;
using Choshu.Data;
using Choshu.Domain.Identifiers;
using Choshu.Domain.Security;

namespace Choshu.App.Tests.Privacy;

/// <summary>
/// Every public method of <see cref="PersonalDataGate"/> writes an audit record of its kind. The table
/// below names each method with a call and the kind it must write; a public method missing from the
/// table fails the test, so a new way into personal data cannot be added without its record.
/// </summary>
public sealed class GatePublicMethodsTests
{
    private sealed record Call(AuditEventKind Kind, Func<GateFixture, PersonalDataGate, Task> Invoke);

    private static readonly Dictionary<string, Call> Table = new()
    {
        [nameof(PersonalDataGate.SearchAsync)] = new(AuditEventKind.TaxpayerSearched,
            (f, g) => g.SearchAsync(f.Staff("C001"), new TaxpayerSearchCriteria { NameKana = "カゴシマ" })),
        [nameof(PersonalDataGate.ViewAsync)] = new(AuditEventKind.TaxpayerViewed,
            (f, g) => g.ViewAsync(f.Staff("C001"), GateFixture.HanakoNo)),
        [nameof(PersonalDataGate.RevealMyNumberAsync)] = new(AuditEventKind.MyNumberRevealed, async (f, g) =>
            await g.RevealMyNumberAsync(f.Staff("M001", await f.SessionAsync("M001", GateFixture.Now.AddMinutes(-1))), GateFixture.HanakoNo, "本人確認")),
        [nameof(PersonalDataGate.SearchByMyNumberAsync)] = new(AuditEventKind.MyNumberSearched,
            (f, g) => g.SearchByMyNumberAsync(f.Staff("M001"), MyNumber.Parse(GateFixture.HanakoMyNumber), "本人確認")),
    };

    [Fact]
    public void PublicMethods_EveryOneInTheTable()
    {
        var methods = typeof(PersonalDataGate).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName).Select(m => m.Name).Distinct().Order().ToList();

        Assert.Equal(Table.Keys.Order(), methods);
    }

    [Theory]
    [InlineData(StoreProvider.Sqlite)]
    [InlineData(StoreProvider.Postgres)]
    public async Task PublicMethods_EachWritesItsAuditRecordNamingTheTaxpayer(StoreProvider provider)
    {
        await using var f = await GateFixture.CreateAsync(provider);
        foreach (var (name, call) in Table)
        {
            var before = (await f.EventsAsync()).Count;
            await using (var db = f.Open())
                await call.Invoke(f, f.Gate(db));

            var written = (await f.EventsAsync()).Skip(before).ToList();
            var e = Assert.Single(written);
            Assert.True(e.Kind == call.Kind, $"{name} wrote {e.Kind}, expected {call.Kind}");
            Assert.True(e.TaxpayerId == f.TaxpayerIds[GateFixture.HanakoNo], $"{name} did not name the taxpayer");
            Assert.Equal(AuditOutcome.Succeeded, e.Outcome);
        }
    }
}
