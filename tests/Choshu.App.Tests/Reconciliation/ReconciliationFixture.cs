using System.Text;
using Choshu.Domain.Ledger;
using Choshu.App.Reconciliation;
using Choshu.App.Stores;
using Choshu.Data;
using Choshu.Data.Ledger;
using Choshu.Domain.LateFees;
using Choshu.TestSupport;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace Choshu.App.Tests.Reconciliation;

/// <summary>
/// A fresh store (PostgreSQL or SQLite), a frozen clock (2026-11-26 09:00 JST) and a scratch directory
/// for one reconciliation test: writes payment files, imports them through <see cref="PaymentImport"/>
/// and reads back the journal, payments and ledgers.
/// </summary>
internal sealed class ReconciliationFixture : IAsyncDisposable
{
    public const string Actor = "test:reconciliation";

    /// <summary>"Today" in every reconciliation test.</summary>
    public static readonly DateOnly Today = new(2026, 11, 26);

    private readonly string _dir;
    private int _files;

    private ReconciliationFixture(TestStore store)
    {
        Store = store;
        _dir = Directory.CreateTempSubdirectory("choshu-recon-").FullName;
    }

    public TestStore Store { get; }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.FromHours(9)));

    public static TheoryData<StoreProvider> Providers => new() { StoreProvider.Postgres, StoreProvider.Sqlite };

    public static async Task<ReconciliationFixture> CreateAsync(StoreProvider provider) => new(await TestStore.CreateAsync(provider));

    public ChoshuDbContext Open() => Store.Open();

    /// <summary>Writes the lines joined by CRLF as UTF-8 (no BOM) under a new name; returns the path.</summary>
    public string Write(IEnumerable<string> lines, string name = "payments.csv") =>
        WriteBytes(new UTF8Encoding(false).GetBytes(string.Join("\r\n", lines) + "\r\n"), name);

    public string WriteBytes(byte[] bytes, string name)
    {
        var dir = Path.Combine(_dir, (++_files).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        var path = Path.Combine(dir, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public Task<PaymentImportSummary> ImportAsync(string path, string format, int batchSize = PaymentImport.DefaultBatchSize) =>
        new PaymentImport(Store.Store, Clock) { BatchSize = batchSize }.RunAsync(new PaymentImportRequest(path, format, Actor));

    public PaymentCorrections Corrections() => new(Store.Store, Clock, Actor);

    public async Task<long> TaxpayerAsync(string taxpayerNo = "1000000001")
    {
        await using var db = Open();
        return await LedgerSeed.TaxpayerAsync(db, taxpayerNo);
    }

    public async Task<long[]> AssessmentAsync(long taxpayerId, string taxKind, int fiscalYear, string noticeNo, params LedgerSeed.Inst[] installments)
    {
        await using var db = Open();
        return await LedgerSeed.AssessmentAsync(db, taxpayerId, taxKind, fiscalYear, noticeNo, installments);
    }

    /// <summary>A taxpayer with one assessment; returns its installment ids.</summary>
    public async Task<long[]> InstallmentsAsync(string taxKind, int fiscalYear, string noticeNo, params LedgerSeed.Inst[] installments) =>
        await AssessmentAsync(await TaxpayerAsync(), taxKind, fiscalYear, noticeNo, installments);

    public async Task<List<LedgerSeed.JournalEntryColumns>> JournalAsync()
    {
        await using var db = Open();
        return await LedgerSeed.JournalAsync(db);
    }

    public async Task<List<Data.Payments.Payment>> PaymentsAsync()
    {
        await using var db = Open();
        return await LedgerSeed.PaymentsAsync(db);
    }

    public async Task<List<Data.Payments.Overpayment>> OverpaymentsAsync()
    {
        await using var db = Open();
        return await LedgerSeed.OverpaymentsAsync(db);
    }

    /// <summary>The entries written for payments (everything but the seed's charges), in id order.</summary>
    public async Task<List<LedgerSeed.JournalEntryColumns>> BookedEntriesAsync() =>
        (await JournalAsync()).Where(j => j.Actor != "test:seed").ToList();

    /// <summary>The installment's ledger folded from its journal entries.</summary>
    /// <summary>The installment as every caller reads it: due dates, journal and claim events (<see cref="App.Claims.ClaimLedgers"/>).</summary>
    public async Task<InstallmentLedger> LedgerAsync(long installmentId)
    {
        await using var db = Open();
        return (await App.Claims.ClaimLedgers.LoadAsync(db, [installmentId]))[installmentId];
    }

    public async Task<LateFeeRateTable> RatesAsync()
    {
        await using var db = Open();
        return await ReferenceData.LoadRatesAsync(db);
    }

    public async Task SetSettingAsync(string key, string value)
    {
        await using var db = Open();
        await Settings.AppSettings.SetAsync(db, key, value, Actor, Clock.GetUtcNow().UtcDateTime);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }
}

/// <summary>The expected shape of one journal entry written by a booking (what a test writes out by hand).</summary>
internal sealed record Expected(long InstallmentId, Domain.Ledger.JournalEntryKind Kind, Domain.Ledger.LedgerComponent Component, long Amount, DateOnly ValueDate, string Reason, long? PaymentId)
{
    public static Expected Of(LedgerSeed.JournalEntryColumns j) => new(j.InstallmentId, j.Kind, j.Component, j.Amount, j.ValueDate, j.ReasonCode ?? "", j.PaymentId);
}
