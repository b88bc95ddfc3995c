using System.Diagnostics.Metrics;
using Choshu.App.Reconciliation;

namespace Choshu.Bench.Reconcile;

/// <summary>Adds up what <see cref="PaymentImportPhases"/> records while it listens: seconds per phase.</summary>
public sealed class PhaseTimes : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Dictionary<string, double> _seconds = [];
    private readonly Lock _lock = new();

    public PhaseTimes()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == PaymentImportPhases.MeterName && instrument.Name == PaymentImportPhases.InstrumentName)
                listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<double>((_, seconds, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key != PaymentImportPhases.PhaseTag || tag.Value is not string phase) continue;
                lock (_lock) _seconds[phase] = _seconds.GetValueOrDefault(phase) + seconds;
            }
        });
        _listener.Start();
    }

    /// <summary>Seconds per phase, the phases in the order they first appeared.</summary>
    public IReadOnlyList<(string Phase, double Seconds)> Snapshot()
    {
        lock (_lock) return _seconds.Select(kv => (kv.Key, kv.Value)).ToList();
    }

    public void Dispose() => _listener.Dispose();
}
