using Choshu.Formats.Assessments;
using Choshu.Formats.Csv;
using Choshu.Formats.Payments;
using Choshu.Formats.Taxpayers;
using Choshu.Formats.Zengin;

namespace Choshu.Fuzz;

/// <summary>
/// One fuzz target per file reader: the bytes of a file fed to the reader exactly as the importer
/// feeds them (encoding detected from the head as <c>FileFingerprint</c> does, then decoded and parsed
/// line by line; payment files in the importer's two passes, check then read). A documented "bad
/// file" or "bad line" outcome is normal: a <see cref="CsvFileRefusedException"/> (the file refused
/// as a whole), a file-level error in <see cref="PaymentFileCheck.Errors"/>, a line with errors (to be
/// quarantined). Any other exception escapes, and to the fuzzer that is a crash.
///
/// This file is compiled into both the fuzz driver (fuzz/Choshu.Fuzz, with SharpFuzz) and the replay
/// test (tests/Choshu.Formats.Tests, FuzzCorpusReplayTests), so CI replays the corpus through the very
/// code the fuzzer ran. It references Choshu.Formats only: that is the assembly SharpFuzz instruments.
/// </summary>
public static class FuzzTargets
{
    /// <summary>
    /// The day the readers are given as "today" (birth dates in the future, the Zengin debit year):
    /// fixed, so a crash found on one day replays the same on any other.
    /// </summary>
    public static readonly DateOnly Today = new(2026, 12, 7);

    /// <summary>taxpayers, assessments, the five payment formats, and the Zengin result records as read below the payment reader.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["taxpayers", "assessments", PaymentFormats.Bank, PaymentFormats.Store, PaymentFormats.Eltax, PaymentFormats.Counter, PaymentFormats.Zengin, "zengin-records"];

    /// <summary>
    /// The tax kinds the migrations seed (table tax_kinds), as AssessmentImport loads them. Made on first
    /// use: code of the instrumented Choshu.Formats must not run before libFuzzer has set up its coverage map.
    /// </summary>
    private static readonly Lazy<TaxKindNames> s_taxKinds = new(() => new TaxKindNames([
        ("01", "市民税", "市民税（普通徴収）|個人市民税|市県民税|市・県民税|個人住民税"),
        ("02", "固定資産税", "固定資産税・都市計画税|固定資産税都市計画税|固都税"),
        ("03", "軽自動車税", "軽自動車税種別割|軽自動車税（種別割）"),
        ("04", "法人市民税", "法人住民税"),
    ]));

    /// <summary>The target for <paramref name="name"/>; throws <see cref="ArgumentException"/> for a name not in <see cref="Names"/>.</summary>
    public static Action<ReadOnlyMemory<byte>> For(string name) => name switch
    {
        "taxpayers" => data => CsvFile(data, TaxpayerCsv.Layout, row => TaxpayerCsv.Parse(row, Today), TaxpayerCsv.RawTextForStorage),
        "assessments" => data => CsvFile(data, AssessmentCsv.Layout, row => AssessmentCsv.Parse(row, s_taxKinds.Value), (r, _) => MyNumberMask.Apply(r.RawText)),
        "zengin-records" => ZenginRecords,
        _ when PaymentFormats.IsKnown(name) => data => PaymentFile(name, data),
        _ => throw new ArgumentException($"No fuzz target \"{name}\"; one of: {string.Join(", ", Names)}.", nameof(name)),
    };

    /// <summary>
    /// Runs <paramref name="name"/> over <paramref name="data"/>: returns normally for any outcome the
    /// importer handles (file refused, lines quarantined, file booked) and throws otherwise.
    /// </summary>
    public static void Run(string name, ReadOnlyMemory<byte> data) => For(name)(data);

    /// <summary>CsvImport.RunAsync and ReadLine: detect, decode, map the header, then each record's field count and parse.</summary>
    private static void CsvFile<T>(ReadOnlyMemory<byte> data, IReadOnlyList<CsvColumn> layout, Func<CsvRow, CsvParse<T>> parse,
        Func<CsvRecord, CsvHeader, string> storedRawText) where T : class
    {
        var encoding = CsvTextEncoding.Detect(data.Span, isWholeFile: data.Length <= CsvTextEncoding.DetectionWindow);
        using var reader = encoding.OpenReader(new MemoryStream(data.ToArray(), writable: false));
        using var records = new CsvReader(reader).ReadRecords().Where(r => !r.IsBlank).GetEnumerator();
        if (!records.MoveNext()) return; // import.empty: the file is refused
        CsvHeader header;
        try
        {
            header = CsvHeader.Map(records.Current, layout, "fuzz.csv");
        }
        catch (CsvFileRefusedException)
        {
            return; // the file refused as a whole, with a Japanese reason
        }

        while (records.MoveNext())
        {
            var record = records.Current;
            var valid = record.Error is null && record.Fields.Count == header.FieldCount && parse(new CsvRow(record, header)).IsValid;
            if (!valid) _ = storedRawText(record, header); // the quarantined line is stored masked
        }
    }

    /// <summary>PaymentImport.RunOnCopyAsync: the whole-file check, then (when accepted) the booking pass over the same bytes.</summary>
    private static void PaymentFile(string format, ReadOnlyMemory<byte> data)
    {
        var reader = PaymentFormats.Create(format, new PaymentReaderOptions { DebitOnOrBefore = Today });
        var bytes = data.ToArray();
        var check = reader.Check(new MemoryStream(bytes, writable: false), "fuzz.dat");
        if (!check.IsAccepted) return; // refused: nothing is booked
        var read = reader.Open(new MemoryStream(bytes, writable: false), "fuzz.dat");
        foreach (var line in read.Lines)
        {
            // What the importer touches of every line: a record to book, a debit failure, or errors to quarantine.
            if (line.Record is null && line.DebitFailure is null && line.IsValid)
                throw new InvalidOperationException($"Line {line.LineNo} is valid but holds neither a payment nor a debit failure.");
            if (!line.IsValid) _ = line.Messages.Count();
        }
        _ = read.Check.IsAccepted;
    }

    /// <summary>The Zengin result reader itself (the payment reader's source): every record, then the file summary.</summary>
    private static void ZenginRecords(ReadOnlyMemory<byte> data)
    {
        var reader = new ZenginReader(new MemoryStream(data.ToArray(), writable: false), "fuzz.txt", ZenginFileKind.Result);
        foreach (var _ in reader.ReadRecords())
        {
        }
        _ = reader.Summary;
    }
}
