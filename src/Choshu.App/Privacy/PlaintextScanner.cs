using Choshu.App.Seeding;
using Choshu.Domain.Identifiers;

namespace Choshu.App.Privacy;

/// <summary>One place a known My Number was found. Holds where, never the number.</summary>
/// <param name="Line">1-based line (count of LF bytes before it, plus one) of the first digit.</param>
/// <param name="Separated">True when the digits were split by separators (e.g. 1234-5678-9012).</param>
/// <param name="Source">Which list the number came from (e.g. "シード 42"), to help find the test.</param>
public sealed record PlaintextFinding(string File, int Line, bool Separated, string Source)
{
    /// <summary>"FILE:LINE: …" in Japanese with the number masked.</summary>
    public override string ToString() =>
        $"{File}:{Line}: 個人番号 {MyNumber.MaskedForm} が平文で記録されています（{Source}{(Separated ? "、区切り文字入り" : "")}）。";
}

/// <summary>
/// Looks for known My Numbers written in plaintext in files (test logs, trx files, database files and
/// dumps): the candidates are the numbers a seed gives its synthetic city
/// (<see cref="SyntheticCityGenerator.SeededMyNumbers"/>) and numbers listed in fixture files. Reads bytes,
/// so binary files are scanned too: ASCII digits and UTF-8 full-width digits (０–９), contiguous or with
/// single separators between digits (space, "-", full-width space, "－", "‐", "−"); every 12-digit window
/// of such a run is checked, so a number inside a longer run of digits is found as well. Text in UTF-16
/// is not read. Findings never contain the number.
/// </summary>
public sealed class PlaintextScanner
{
    private const long Modulus = 1_000_000_000_000L;
    private readonly Dictionary<long, int> _candidates = [];
    private readonly List<string> _sources = [];

    public int CandidateCount => _candidates.Count;

    /// <summary>Adds <paramref name="numbers"/> as candidates, labelled <paramref name="source"/> in findings.</summary>
    public PlaintextScanner Add(IEnumerable<MyNumber> numbers, string source) => AddDigits(numbers.Select(n => n.Reveal()), source);

    /// <summary>
    /// Adds 12-digit strings as candidates whether or not their check digit is right (a line refused for
    /// a wrong check digit must not leak its number either).
    /// </summary>
    public PlaintextScanner AddDigits(IEnumerable<string> digits, string source)
    {
        var id = _sources.Count;
        _sources.Add(source);
        foreach (var d in digits)
        {
            if (d.Length != MyNumber.Length || !d.All(char.IsAsciiDigit))
                throw new ArgumentException("A candidate must be 12 ASCII digits.", nameof(digits));
            _candidates.TryAdd(long.Parse(d, System.Globalization.CultureInfo.InvariantCulture), id);
        }
        return this;
    }

    /// <summary>Adds the My Numbers of the synthetic cities of <paramref name="seeds"/> with up to <paramref name="taxpayers"/> taxpayers each.</summary>
    public PlaintextScanner AddSeeds(IEnumerable<long> seeds, int taxpayers)
    {
        foreach (var seed in seeds)
            Add(SyntheticCityGenerator.SeededMyNumbers(seed, taxpayers), $"シード {seed} の合成個人番号");
        return this;
    }

    /// <summary>Every valid My Number (12 digits with a correct check digit, not part of a longer run of digits) written in <paramref name="text"/>.</summary>
    public static IEnumerable<MyNumber> NumbersIn(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var digit = i < text.Length && text[i] is >= '0' and <= '9';
            if (digit && start < 0) start = i;
            if (digit || start < 0) continue;
            if (i - start == MyNumber.Length && MyNumber.TryParse(text[start..i], out var n))
                yield return n;
            start = -1;
        }
    }

    /// <summary>Scans files and, recursively, directories.</summary>
    public List<PlaintextFinding> ScanPaths(IEnumerable<string> paths)
    {
        var findings = new List<PlaintextFinding>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
                foreach (var file in Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                    findings.AddRange(ScanBytes(File.ReadAllBytes(file), file));
            else if (File.Exists(path))
                findings.AddRange(ScanBytes(File.ReadAllBytes(path), path));
            else
                throw new FileNotFoundException($"{path}: ファイルまたはディレクトリがありません。");
        }
        return findings;
    }

    public List<PlaintextFinding> ScanText(string text, string name) => ScanBytes(System.Text.Encoding.UTF8.GetBytes(text), name);

    public List<PlaintextFinding> ScanBytes(ReadOnlySpan<byte> data, string name)
    {
        var findings = new List<PlaintextFinding>();
        var run = new List<(int Digit, int Line, bool AfterSeparator)>();
        var line = 1;
        var separatorPending = false;
        var i = 0;
        while (i < data.Length)
        {
            var (digit, separator, length) = Classify(data, i);
            if (digit >= 0)
            {
                run.Add((digit, line, separatorPending));
                separatorPending = false;
            }
            else if (separator && run.Count > 0 && !separatorPending)
            {
                separatorPending = true;
            }
            else
            {
                Flush(run, name, findings);
                separatorPending = false;
            }
            if (data[i] == (byte)'\n') line++;
            i += length;
        }
        Flush(run, name, findings);
        return findings;
    }

    private void Flush(List<(int Digit, int Line, bool AfterSeparator)> run, string name, List<PlaintextFinding> findings)
    {
        if (run.Count >= MyNumber.Length && _candidates.Count > 0)
        {
            long value = 0;
            for (var k = 0; k < run.Count; k++)
            {
                value = (value * 10 + run[k].Digit) % Modulus;
                if (k < MyNumber.Length - 1) continue;
                if (!_candidates.TryGetValue(value, out var source)) continue;
                var first = k - MyNumber.Length + 1;
                var separated = false;
                for (var m = first + 1; m <= k; m++) separated |= run[m].AfterSeparator;
                findings.Add(new PlaintextFinding(name, run[first].Line, separated, _sources[source]));
            }
        }
        run.Clear();
    }

    /// <summary>Whether the bytes at <paramref name="i"/> are a digit (its value), a separator, or neither; and how many bytes they take.</summary>
    private static (int Digit, bool Separator, int Length) Classify(ReadOnlySpan<byte> d, int i)
    {
        var b = d[i];
        if (b is >= (byte)'0' and <= (byte)'9') return (b - '0', false, 1);
        if (b is (byte)' ' or (byte)'-') return (-1, true, 1);
        if (i + 2 < d.Length)
        {
            var (b1, b2) = (d[i + 1], d[i + 2]);
            if (b == 0xEF && b1 == 0xBC && b2 is >= 0x90 and <= 0x99) return (b2 - 0x90, false, 3); // ０–９
            if (b == 0xEF && b1 == 0xBC && b2 == 0x8D) return (-1, true, 3); // －
            if (b == 0xE3 && b1 == 0x80 && b2 == 0x80) return (-1, true, 3); // full-width space
            if (b == 0xE2 && b1 == 0x80 && b2 == 0x90) return (-1, true, 3); // ‐
            if (b == 0xE2 && b1 == 0x88 && b2 == 0x92) return (-1, true, 3); // −
        }
        return (-1, false, 1);
    }
}
