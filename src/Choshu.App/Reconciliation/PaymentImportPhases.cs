using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Choshu.App.Reconciliation;

/// <summary>
/// Where a payment import spends its time: each phase of each batch is recorded in the histogram
/// <see cref="InstrumentName"/> (seconds, tagged <see cref="PhaseTag"/>) of the meter <see cref="MeterName"/>,
/// which dotnet-counters or a <see cref="MeterListener"/> can read (bench/Choshu.Bench prints the
/// sums). With nobody listening a lap costs one timestamp.
/// </summary>
public static class PaymentImportPhases
{
    public const string MeterName = "Choshu.Reconciliation";
    public const string InstrumentName = "choshu.payment_import.phase.duration";
    public const string PhaseTag = "phase";

    /// <summary>SHA-256 of the whole file.</summary>
    public const string Fingerprint = "fingerprint";
    /// <summary>The first pass: structure, trailer count and total.</summary>
    public const string Check = "check";
    /// <summary>Reading and parsing the next batch of lines (second pass).</summary>
    public const string Read = "read";
    /// <summary>Opening the batch's transaction and its EF context.</summary>
    public const string Begin = "begin";
    /// <summary>Payments already received under the batch's idempotency keys.</summary>
    public const string LoadKnown = "load_known";
    /// <summary>The target installments and their journal, folded into positions.</summary>
    public const string LoadTargets = "load_targets";
    /// <summary>The unpaid 滞納処分費 of the batch's taxpayers (read in the batch's transaction, never ahead).</summary>
    public const string LoadCosts = "load_costs";
    /// <summary>
    /// <see cref="LoadKnown"/> and <see cref="LoadTargets"/> of the next batch, read on a second connection while this
    /// batch is written (PostgreSQL): time that overlaps the other phases, not added to the run's wall time.
    /// </summary>
    public const string ReadAheadKnown = "read_ahead_known";
    public const string ReadAheadTargets = "read_ahead_targets";
    /// <summary>Waiting for the batch's reads taken ahead to finish.</summary>
    public const string ReadAheadWait = "read_ahead_wait";
    /// <summary>Bringing the reads taken ahead up to date with what the batch before wrote (a few installments read again).</summary>
    public const string BringUpToDate = "bring_up_to_date";
    /// <summary>Deciding every record and allocating in memory.</summary>
    public const string Allocate = "allocate";
    /// <summary>Ids from the identity sequences.</summary>
    public const string ReserveIds = "reserve_ids";
    public const string CopyPayments = "copy_payments";
    public const string StatusChanges = "status_changes";
    public const string CopyJournal = "copy_journal";
    /// <summary>Quarantined lines, debit failures and the import run's counters (EF).</summary>
    public const string Bookkeeping = "quarantine_and_run";
    public const string Commit = "commit";

    private static readonly Meter s_meter = new(MeterName);
    private static readonly Histogram<double> s_duration =
        s_meter.CreateHistogram<double>(InstrumentName, "s", "Time spent in one phase of one payment-import batch.");

    /// <summary>A clock that records the time since its last lap under a phase name.</summary>
    public sealed class Clock
    {
        private long _since = Stopwatch.GetTimestamp();

        /// <summary>Records the time since the previous lap (or the start) as <paramref name="phase"/>, and starts the next.</summary>
        public void Lap(string phase)
        {
            var now = Stopwatch.GetTimestamp();
            if (s_duration.Enabled)
                s_duration.Record(Stopwatch.GetElapsedTime(_since, now).TotalSeconds, new KeyValuePair<string, object?>(PhaseTag, phase));
            _since = now;
        }

        /// <summary>Starts the next lap now without recording (time not to be counted in any phase).</summary>
        public void Restart() => _since = Stopwatch.GetTimestamp();
    }
}
