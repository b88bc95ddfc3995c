using System.Diagnostics;
using System.Threading.Channels;
using Choshu.App.Privacy;
using Choshu.App.Stores;
using Choshu.Data;
using Choshu.Data.Bulk;
using Choshu.Domain.Calendar;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Choshu.App.Seeding;

/// <summary>
/// <c>choshu seed</c>: writes a <see cref="SyntheticCityGenerator"/> city into an initialised, empty
/// store. Generation runs one chunk ahead of the writer on another thread (at most two chunks wait),
/// so memory stays bounded at any city size. PostgreSQL gets one transaction for the whole city (a
/// failed run leaves the store as it was) with its foreign keys checked once at the end
/// (<see cref="IBulkWriter.DeferForeignKeysAsync"/>), the identity sequences moved past the ids written
/// and the tables analysed; SQLite gets one transaction per chunk. Every My Number is sealed with the
/// store's key (<see cref="MyNumberVault"/>) before it leaves the generator's thread.
/// </summary>
public static class SyntheticCitySeeder
{
    public const string NotInitialisedMessage =
        "データストアが初期化されていないか、接続できません。先に choshu db init を実行してください。";
    public const string NotEmptyMessage =
        "データストアには既に納税義務者（宛名）が登録されています。合成データは納税義務者のいない空のデータストアにだけ作成できます。";

    public static async Task<SeedResult> SeedAsync(
        Store store,
        SeedOptions options,
        TimeProvider clock,
        IProgress<SeedProgress>? progress = null,
        CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(clock);
        options.Validate();
        var stopwatch = Stopwatch.StartNew();

        if (store.Provider == StoreProvider.Sqlite && !SqliteFileExists(store))
            throw new SeedRefusedException(NotInitialisedMessage);
        HolidayCalendar calendar;
        await using (var db = store.CreateContext())
        {
            if (!await StoreInitializer.IsReadyAsync(db, ct))
                throw new SeedRefusedException(NotInitialisedMessage);
            if (await db.Taxpayers.AnyAsync(ct))
                throw new SeedRefusedException(NotEmptyMessage);
            calendar = await ReferenceData.LoadCalendarAsync(db, ct);
        }

        // The key ring is loaded once, before anything is written; a missing key file refuses the seed.
        var vault = MyNumberVault.Open(store);

        var today = JapanTime.Today(clock);
        var recordedAt = clock.GetUtcNow().UtcDateTime;
        await using var writer = await BulkWriter.OpenAsync(store, ct);
        var ids = new SeedIdBase(
            await writer.MaxIdAsync(BulkTables.Taxpayers, ct),
            await writer.MaxIdAsync(BulkTables.TaxpayerVersions, ct),
            await writer.MaxIdAsync(BulkTables.TaxAgents, ct),
            await writer.MaxIdAsync(BulkTables.Assessments, ct),
            await writer.MaxIdAsync(BulkTables.Installments, ct),
            await writer.MaxIdAsync(BulkTables.JournalEntries, ct),
            await writer.MaxIdAsync(BulkTables.DirectDebitAccounts, ct),
            await writer.MaxIdAsync(BulkTables.Payments, ct));
        var generator = new SyntheticCityGenerator(options, today, calendar, recordedAt, ids);

        var rows = BulkTables.All.ToDictionary(t => t.Name, _ => 0L);
        long charges = 0, payments = 0, written = 0;
        var taxpayers = 0;
        var oneTransaction = writer.Provider == StoreProvider.Postgres;
        if (oneTransaction)
        {
            await writer.BeginAsync(ct);
            await writer.DeferForeignKeysAsync(BulkTables.All, ct);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var channel = Channel.CreateBounded<SeedChunk>(new BoundedChannelOptions(2) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(async () =>
        {
            try
            {
                foreach (var chunk in generator.Chunks())
                {
                    Seal(vault, chunk);
                    await channel.Writer.WriteAsync(chunk, stop.Token);
                }
                channel.Writer.Complete();
            }
            catch (Exception ex)
            {
                channel.Writer.Complete(ex);
            }
        }, CancellationToken.None);

        try
        {
            await foreach (var chunk in channel.Reader.ReadAllAsync(stop.Token))
            {
                if (!oneTransaction) await writer.BeginAsync(ct);
                await Write(BulkTables.Taxpayers, chunk.Taxpayers);
                await Write(BulkTables.TaxpayerVersions, chunk.TaxpayerVersions);
                await Write(BulkTables.TaxpayerMyNumbers, chunk.TaxpayerMyNumbers);
                await Write(BulkTables.TaxAgents, chunk.TaxAgents);
                await Write(BulkTables.DirectDebitAccounts, chunk.DirectDebitAccounts);
                await Write(BulkTables.Assessments, chunk.Assessments);
                await Write(BulkTables.Installments, chunk.Installments);
                await Write(BulkTables.Payments, chunk.PaymentRows);
                await Write(BulkTables.JournalEntries, chunk.JournalEntries);
                if (!oneTransaction) await writer.CommitAsync(ct);
                charges += chunk.Charges;
                payments += chunk.Payments;
                written += chunk.RowCount;
                taxpayers += chunk.Taxpayers.Count;
                progress?.Report(new SeedProgress(taxpayers, options.Taxpayers, written, SeedPhase.Writing));
            }
        }
        finally
        {
            // Stop the generator if the writer failed, and let it finish before the writer goes away.
            await stop.CancelAsync();
            await producer;
        }

        progress?.Report(new SeedProgress(taxpayers, options.Taxpayers, written, SeedPhase.Finishing));
        if (!oneTransaction) await writer.BeginAsync(ct);
        await writer.ResetIdentityAsync(BulkTables.All, ct);
        // Statistics first, so that re-creating the foreign keys on commit plans its checks well.
        await writer.AnalyzeAsync(BulkTables.All, ct);
        await writer.CommitAsync(ct);
        stopwatch.Stop();
        progress?.Report(new SeedProgress(taxpayers, options.Taxpayers, written, SeedPhase.Done));

        return new SeedResult(options.Taxpayers, options.Seed, today, generator.FiscalYears, rows, charges, payments, stopwatch.Elapsed);

        async Task Write<T>(BulkTable<T> table, List<T> batch)
        {
            await writer.WriteAsync(table, batch, ct);
            rows[table.Name] += batch.Count;
        }
    }

    /// <summary>Seals the chunk's My Numbers in place (on the generator's thread, ahead of the writer).</summary>
    private static void Seal(MyNumberVault vault, SeedChunk chunk)
    {
        foreach (var row in chunk.TaxpayerMyNumbers)
            if (row.KeyVersion == 0)
                vault.Seal(row, Choshu.Domain.Identifiers.MyNumber.Parse(row.Value));
    }

    private static bool SqliteFileExists(Store store)
    {
        var path = new SqliteConnectionStringBuilder(store.ConnectionString).DataSource;
        return string.IsNullOrEmpty(path) || path == ":memory:" || File.Exists(path);
    }
}
