using System.Globalization;
using System.Text;
using Choshu.App.Seeding;
using Choshu.Formats.Barcodes;
using Choshu.Formats.Payments;
using Choshu.Formats.Zengin;

namespace Choshu.Bench.Reconcile;

/// <summary>One payment file written for the benchmark, in the order it is imported.</summary>
/// <param name="Records">Data records in the file (trailer and header not counted).</param>
/// <param name="MoneyRecords">Of those, records that report money received (not a 速報, 取消 or 振替不能).</param>
public sealed record BenchFile(string Path, string Format, int? DebitYear, int Records, int MoneyRecords)
{
    public string Name => System.IO.Path.GetFileName(Path);
}

/// <summary>
/// Writes a <see cref="PaymentPlan"/> as the channels' files in the layouts of docs/formats.md: CSV in
/// UTF-8 with CR LF (bank, store 速報 and 確報, eLTAX, counter), the Zengin result file in code page 932.
/// Trailers carry the true count and total. The same plan gives the same bytes.
/// </summary>
public static class PaymentFiles
{
    private const string BillerCode = "912345";
    private static readonly string[] s_eltaxMethods = ["ダイレクト納付", "クレジット", "スマホ決済", "インターネットバンキング"];

    public static List<BenchFile> Write(PaymentPlan plan, string dir, long seed)
    {
        Directory.CreateDirectory(dir);
        var rng = new SeedRandom(unchecked((ulong)seed + 0xF11E5UL));
        return
        [
            WriteBank(plan.Files[BenchChannel.Bank], Path.Combine(dir, "bank.csv")),
            WriteStorePreliminaries(plan, Path.Combine(dir, "store-sokuho.csv"), rng),
            WriteStoreFinals(plan.Files[BenchChannel.Store], Path.Combine(dir, "store-kakuho.csv")),
            WriteEltax(plan.Files[BenchChannel.Eltax], Path.Combine(dir, "eltax.csv")),
            WriteZengin(plan, Path.Combine(dir, "zengin-result.txt"), rng),
            WriteCounter(plan.Files[BenchChannel.Counter], Path.Combine(dir, "counter.csv")),
        ];
    }

    private static BenchFile WriteBank(List<PlannedPayment> payments, string path)
    {
        using var w = Csv(path, "区分,金融機関コード,店舗コード,取扱番号,消込番号,金額,納付日,収入日,件数,合計金額");
        foreach (var p in payments)
        {
            // Every tenth payer's bank read the barcode's free field (1 + key) instead of the printed key.
            var key = p.No % 10 == 0 ? "1" + p.Key : p.Key;
            w.Write(I($"D,{182 + p.No % 3:0000},{100 + p.No % 40:000},{p.No},{key},{p.Amount},{Iso(p.PaidOn)},{Iso(p.ReceivedOn)},,\r\n"));
        }
        w.Write(I($"T,,,,,,,,{payments.Count},{payments.Sum(p => p.Amount)}\r\n"));
        return new BenchFile(path, PaymentFormats.Bank, null, payments.Count, payments.Count);
    }

    private const string StoreHeader = "区分,収納機関コード,店舗コード,受付番号,バーコード,金額,納付日時,収入日,件数,合計金額";

    /// <summary>速報 for the store payments that had one, and 速報 withdrawn later in the same file (取消).</summary>
    private static BenchFile WriteStorePreliminaries(PaymentPlan plan, string path, SeedRandom rng)
    {
        var lines = new List<(double Pos, string Line, long Amount)>();
        var seen = new HashSet<int>();
        foreach (var p in plan.Files[BenchChannel.Store])
            if (p.Preliminary && seen.Add(p.No))
                lines.Add((lines.Count, StoreLine("1", p, received: null), p.Amount));
        var count = lines.Count;
        foreach (var p in plan.CancelledPreliminaries)
        {
            var at = rng.NextDouble() * count;
            lines.Add((at, StoreLine("1", p, received: null), p.Amount));
            lines.Add((at + rng.NextDouble() * (count - at) + 0.25, StoreLine("3", p, received: null), p.Amount));
        }
        using var w = Csv(path, StoreHeader);
        foreach (var l in lines.OrderBy(l => l.Pos)) w.Write(l.Line);
        w.Write(I($"T,,,,,,,,{lines.Count},{lines.Sum(l => l.Amount)}\r\n"));
        return new BenchFile(path, PaymentFormats.Store, null, lines.Count, 0);
    }

    private static BenchFile WriteStoreFinals(List<PlannedPayment> payments, string path)
    {
        using var w = Csv(path, StoreHeader);
        foreach (var p in payments) w.Write(StoreLine("2", p, p.ReceivedOn));
        w.Write(I($"T,,,,,,,,{payments.Count},{payments.Sum(p => p.Amount)}\r\n"));
        return new BenchFile(path, PaymentFormats.Store, null, payments.Count, payments.Count);
    }

    private static string StoreLine(string kind, PlannedPayment p, DateOnly? received)
    {
        var barcode = new StoreBarcode(BillerCode, "1" + p.Key, 0, p.PaidOn.AddDays(30), false, p.Amount).Encode();
        var paidAt = I($"{Iso(p.PaidOn)} {8 + p.No % 12:00}:{p.No % 60:00}");
        return I($"{kind},CVS{10 + p.No % 3},{p.No % 20_000:0000000},R{p.No:000000000},{barcode},{p.Amount},{paidAt},{(received is { } r ? Iso(r) : "")},,\r\n");
    }

    private static BenchFile WriteEltax(List<PlannedPayment> payments, string path)
    {
        using var w = Csv(path, "区分,納付番号,eL番号,金額,納付日,収入日,納付方法,件数,合計金額");
        foreach (var p in payments)
            w.Write(I($"D,EL-{p.No:000000000000},{p.Key},{p.Amount},{Iso(p.PaidOn)},{Iso(p.ReceivedOn)},{s_eltaxMethods[p.No % s_eltaxMethods.Length]},,\r\n"));
        w.Write(I($"T,,,,,,,{payments.Count},{payments.Sum(p => p.Amount)}\r\n"));
        return new BenchFile(path, PaymentFormats.Eltax, null, payments.Count, payments.Count);
    }

    private static BenchFile WriteCounter(List<PlannedPayment> payments, string path)
    {
        using var w = Csv(path, "区分,領収番号,消込番号,金額,納付日");
        foreach (var p in payments)
            w.Write(I($"D,R-{p.No:0000000000},{p.Key},{p.Amount},{Iso(p.PaidOn)}\r\n"));
        return new BenchFile(path, PaymentFormats.Counter, null, payments.Count, payments.Count);
    }

    /// <summary>
    /// The bank's result file (振替結果データ): the debited records (result code 0) and, among them, the
    /// debits that failed (code 1, 資金不足); the trailer splits the totals accordingly.
    /// </summary>
    private static BenchFile WriteZengin(PaymentPlan plan, string path, SeedRandom rng)
    {
        var debited = plan.Files[BenchChannel.Zengin];
        var records = debited.Select((p, i) => ((double)i, p, '0')).ToList();
        foreach (var f in plan.DebitFailures)
            records.Add((rng.NextDouble() * debited.Count, f, '1'));

        using var output = File.Create(path);
        var enc = ZenginEncoding.CodePage932;
        void Emit(string record)
        {
            var bytes = enc.GetBytes(record);
            if (bytes.Length != ZenginLayout.RecordLength)
                throw new InvalidOperationException($"A Zengin record of {bytes.Length} bytes: {record}");
            output.Write(bytes);
            output.Write("\r\n"u8);
        }

        var d = plan.DebitDate;
        Emit("1910" + N(1234567890, 10) + C("ｶｺﾞｼﾏｼ", 40) + N(d.Month * 100 + d.Day, 4) + "0182" + C("ｶｺﾞｼﾏｷﾞﾝｺｳ", 15)
             + "100" + C("ﾎﾝﾃﾝ", 15) + "1" + N(1234567, 7) + new string(' ', 17));
        foreach (var (_, p, code) in records.OrderBy(r => r.Item1))
        {
            Emit("2" + N(182 + p.No % 3, 4) + C("", 15) + N(100 + p.No % 40, 3) + C("", 15) + "    " + "1" + N(p.No % 10_000_000, 7)
                 + C("ﾁｮｳｼｭｳ ﾀﾛｳ", 30) + N(p.Amount, 10) + "0" + p.Key + code + new string(' ', 8));
        }
        long failedAmount = plan.DebitFailures.Sum(f => f.Amount), debitedAmount = debited.Sum(p => p.Amount);
        Emit("8" + N(records.Count, 6) + N(debitedAmount + failedAmount, 12) + N(debited.Count, 6) + N(debitedAmount, 12)
             + N(plan.DebitFailures.Count, 6) + N(failedAmount, 12) + new string(' ', 65));
        Emit("9" + new string(' ', 119));
        return new BenchFile(path, PaymentFormats.Zengin, d.Year, records.Count, debited.Count);

        static string N(long value, int width) => value.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0');
        static string C(string text, int width) => text.PadRight(width);
    }

    private static StreamWriter Csv(string path, string header)
    {
        var w = new StreamWriter(path, false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16);
        w.Write(header + "\r\n");
        return w;
    }

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string I(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
