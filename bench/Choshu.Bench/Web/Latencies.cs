using System.Globalization;

namespace Choshu.Bench.Web;

/// <summary>Latencies in milliseconds and their percentiles (nearest rank).</summary>
public sealed class Latencies(IEnumerable<double> milliseconds)
{
    private readonly double[] _sorted = [.. milliseconds.Order()];

    public int Count => _sorted.Length;

    public double Percentile(double p)
    {
        if (_sorted.Length == 0) return double.NaN;
        var rank = (int)Math.Ceiling(p / 100 * _sorted.Length);
        return _sorted[Math.Clamp(rank - 1, 0, _sorted.Length - 1)];
    }

    public double Max => _sorted.Length == 0 ? double.NaN : _sorted[^1];
    public double Mean => _sorted.Length == 0 ? double.NaN : _sorted.Average();

    /// <summary>"p50 … p90 … p95 … p99 … max … ms".</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"p50 {Percentile(50):N1} ms, p90 {Percentile(90):N1} ms, p95 {Percentile(95):N1} ms, p99 {Percentile(99):N1} ms, max {Max:N1} ms, mean {Mean:N1} ms");
}
