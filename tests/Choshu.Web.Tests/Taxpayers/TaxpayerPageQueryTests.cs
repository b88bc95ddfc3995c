using System.Diagnostics;
using System.Text;
using Choshu.App.Privacy;
using Choshu.App.Reconciliation;
using Choshu.App.Security;
using Choshu.App.Taxpayers;
using Choshu.Data;
using Choshu.Data.Taxpayers;
using Choshu.Domain.Assessments;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Time.Testing;
using static Choshu.TestSupport.PaymentFiles;

namespace Choshu.Web.Tests.Taxpayers;

/// <summary>
/// The taxpayer page loads in a fixed number of round trips however much the taxpayer holds (no query
/// per assessment, installment or payment): counted from EF Core's own diagnostic events for the
/// context under test, for 鹿児島 花子 (3 assessments, 5 installments, 3 payments) and for a taxpayer
/// with 10 assessments, 40 installments and 20 payments.
/// </summary>
public sealed class TaxpayerPageQueryTests
{
    /// <summary>
    /// taxpayer (+ My Number presence), agents, assessments with installments, journal, claim events (issue 10), payments, overpayments,
    /// direct debits, debit failures. Tax kinds and late-fee rates are reference tables kept in memory for a few seconds
    /// (ReferenceCache): read by the first page of a store (<see cref="QueriesCold"/>), not by the next ones.
    /// </summary>
    private const int Queries = 9;

    /// <summary><see cref="Queries"/> and the two reference tables.</summary>
    private const int QueriesCold = Queries + 2;

    private const string ManyNo = "1000000077";

    [Theory]
    [InlineData(StoreProvider.Postgres)]
    [InlineData(StoreProvider.Sqlite)]
    public async Task LoadAsync_SmallAndLargeTaxpayer_SameFixedNumberOfQueries(StoreProvider provider)
    {
        await using var store = await TestStore.CreateAsync(provider);
        var clock = new FakeTimeProvider(WebFixture.Start);
        await TaxpayerCity.SeedAsync(store, clock);
        await SeedManyAsync(store, clock);

        await using (var warm = store.Open()) Choshu.App.Stores.ReferenceCache.Invalidate(warm);
        var (_, coldQueries) = await CountAsync(store, db => TaxpayerDetailsQuery.LoadAsync(db, TaxpayerCity.HanakoNo, clock));
        var (small, smallQueries) = await CountAsync(store, db => TaxpayerDetailsQuery.LoadAsync(db, TaxpayerCity.HanakoNo, clock));
        var (large, largeQueries) = await CountAsync(store, db => TaxpayerDetailsQuery.LoadAsync(db, ManyNo, clock));

        Assert.Equal((5, 3), (small!.Assessments.Sum(a => a.Installments.Count), small.Payments.Count));
        Assert.Equal((10, 40, 20), (large!.Assessments.Count, large.Assessments.Sum(a => a.Installments.Count), large.Payments.Count));
        // 2017–2021: the right to collect lapsed 5 years after each due date (地方税法18条), so the 10 payments of
        // 2026-11-02 to those years are overpayments (時効後の納付); the 10 to 2022–2026 are paid principal.
        Assert.Equal(10 * 5_000L, large.Totals.PrincipalPaid);
        Assert.Equal(10, large.Overpayments.Count(o => o.Reason == Choshu.Domain.Reconciliation.OverpaymentReason.PaidAfterLapse && o.Amount == 5_000));
        Assert.Equal(QueriesCold, coldQueries);
        Assert.Equal(Queries, smallQueries);
        Assert.Equal(Queries, largeQueries);
    }

    [Fact]
    public async Task ViewAsync_ThroughTheGate_FixedQueriesPlusTheAccessCheckAndTheAuditRecord()
    {
        await using var store = await TestStore.CreateAsync(StoreProvider.Postgres);
        var clock = new FakeTimeProvider(WebFixture.Start);
        await TaxpayerCity.SeedAsync(store, clock);
        await SeedManyAsync(store, clock);

        await CountAsync(store, db => TaxpayerDetailsQuery.LoadAsync(db, TaxpayerCity.HanakoNo, clock)); // the reference tables read once
        var (_, small) = await CountAsync(store, db => new PersonalDataGate(db, clock).ViewAsync(Actor.System(), TaxpayerCity.HanakoNo));
        var (_, large) = await CountAsync(store, db => new PersonalDataGate(db, clock).ViewAsync(Actor.System(), ManyNo));

        Assert.Equal(small, large);
        Assert.True(large <= Queries + 8, $"{large} commands for one taxpayer page");
    }

    /// <summary>10 assessments of 市民税 (2017–2026) × 4 installments of 10,000; the first two of each paid 5,000 at the bank.</summary>
    private static async Task SeedManyAsync(TestStore store, TimeProvider clock)
    {
        long[][] ids;
        await using (var db = store.Open())
        {
            var t = new Taxpayer
            {
                TaxpayerNo = ManyNo,
                Facts = new TaxpayerFacts { NameKanji = "多田 納", NameKana = "タダ オサム", BirthDate = new DateOnly(1950, 5, 5) },
                HistorySeq = 1, EffectiveDate = new DateOnly(2017, 4, 1), CreatedAtUtc = TaxpayerCity.NowUtc, UpdatedAtUtc = TaxpayerCity.NowUtc,
            };
            db.Taxpayers.Add(t);
            await db.SaveChangesAsync();
            ids = await LedgerSeed.AssessmentsAsync(db, t.Id, Enumerable.Range(2017, 10).Select(y => (TaxKindCodes.InhabitantTax, y, $"{y}019999",
                new[] { 6, 8, 10, 12 }.Select((m, i) => new LedgerSeed.Inst((short)(i + 1), new DateOnly(y, m, 1).AddMonths(1).AddDays(-1), 10_000)).ToArray())).ToList());
        }
        var lines = ids.SelectMany(a => a.Take(2)).Select((id, n) =>
            new BankLine($"{20001 + n}", Key(id), 5_000, new DateOnly(2026, 11, 2), new DateOnly(2026, 11, 4))).ToList();
        var path = Path.Combine(Path.GetTempPath(), $"choshu-many-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(path, string.Join("\r\n", Bank(lines)) + "\r\n", new UTF8Encoding(false));
        try
        {
            var s = await new PaymentImport(store.Store, clock).RunAsync(new PaymentImportRequest(path, "bank", "test:many"));
            Assert.True(20 == s.Booked, string.Join("; ", s.Errors.Select(e => e.ToString())) + " " + s);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static async Task<(T Result, int Commands)> CountAsync<T>(TestStore store, Func<ChoshuDbContext, Task<T>> load)
    {
        await using var db = store.Open();
        using var counter = new CommandCounter(db);
        var result = await load(db);
        return (result, counter.Count);
    }

    /// <summary>Counts the commands EF Core executes for one context (other tests' contexts run in parallel and are ignored).</summary>
    private sealed class CommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly DbContext _context;
        private readonly List<IDisposable> _subscriptions = [];
        private readonly IDisposable _all;
        private int _count;

        public CommandCounter(DbContext context)
        {
            _context = context;
            _all = DiagnosticListener.AllListeners.Subscribe(this);
        }

        public int Count => Volatile.Read(ref _count);

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
                lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this));
        }

        public void OnNext(KeyValuePair<string, object?> e)
        {
            if (e.Key == RelationalEventId.CommandExecuted.Name && e.Value is CommandExecutedEventData d && ReferenceEquals(d.Context, _context))
                Interlocked.Increment(ref _count);
        }

        public void OnCompleted() { }
        public void OnError(Exception error) { }

        public void Dispose()
        {
            _all.Dispose();
            lock (_subscriptions) _subscriptions.ForEach(s => s.Dispose());
        }
    }
}
