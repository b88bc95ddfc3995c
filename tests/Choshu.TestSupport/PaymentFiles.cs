using System.Globalization;
using System.Text;
using Choshu.Domain.Reconciliation;
using Choshu.Formats.Barcodes;
using Choshu.Formats.Zengin;

namespace Choshu.TestSupport;

/// <summary>
/// Writes payment files of every layout in docs/formats.md (収納データ) for the reconciliation tests of
/// the App and the CLI: one record per line as the channel sends it, and the trailer (件数, 合計金額)
/// computed from the data lines unless a test overrides it. Keys are <see cref="MatchKey"/>s of real
/// installment ids, so a test builds its file after creating the installments.
/// </summary>
public static class PaymentFiles
{
    public const string BankHeader = "区分,金融機関コード,店舗コード,取扱番号,消込番号,金額,納付日,収入日,件数,合計金額";
    public const string StoreHeader = "区分,収納機関コード,店舗コード,受付番号,バーコード,金額,納付日時,収入日,件数,合計金額";
    public const string EltaxHeader = "区分,納付番号,eL番号,金額,納付日,収入日,納付方法,件数,合計金額";
    public const string CounterHeader = "区分,領収番号,消込番号,金額,納付日";

    /// <summary>The store biller code (the default of the setting store.biller_code).</summary>
    public const string StoreBiller = "912345";

    /// <summary>The 20-digit 消込番号 / eL番号 / 顧客番号 of an installment.</summary>
    public static string Key(long installmentId) => new MatchKey(installmentId).Value;

    /// <summary>
    /// A key of the right length whose check digit is wrong (the last digit + 1 mod 10): the reader
    /// accepts the line with Key null and the payment goes to the unmatched queue.
    /// </summary>
    public static string BadKey(long installmentId)
    {
        var key = Key(installmentId);
        return key[..^1] + (char)('0' + (key[^1] - '0' + 1) % 10);
    }

    public static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Yen(long amount) => amount.ToString(CultureInfo.InvariantCulture);

    // ---- 指定金融機関 (bank) ----

    public sealed record BankLine(string ReceiptNo, string Key, long Amount, DateOnly PaidOn, DateOnly ReceivedOn, string BankCode = "0123", string BranchCode = "456");

    public static string BankData(BankLine l) =>
        $"D,{l.BankCode},{l.BranchCode},{l.ReceiptNo},{l.Key},{Yen(l.Amount)},{Iso(l.PaidOn)},{Iso(l.ReceivedOn)},,";

    /// <summary>Header, one D line each, trailer (count and total of the lines unless given).</summary>
    public static List<string> Bank(IEnumerable<BankLine> lines, int? trailerCount = null, long? trailerAmount = null)
    {
        var list = lines.ToList();
        return [BankHeader, .. list.Select(BankData), $"T,,,,,,,,{trailerCount ?? list.Count},{trailerAmount ?? list.Sum(l => l.Amount)}"];
    }

    // ---- コンビニ (store) ----

    /// <summary>区分 1 速報, 2 確報, 3 速報取消.</summary>
    public sealed record StoreLine(char Kind, string ReceiptNo, string Barcode, long Amount, DateTime PaidAt, DateOnly? ReceivedOn, string AgentCode = "AB123", string ShopCode = "0001234");

    /// <summary>The 44-digit barcode of a slip for an installment (free field = "1" + its key).</summary>
    public static string Barcode(long installmentId, long amount, DateOnly deadline) =>
        new StoreBarcode(StoreBiller, new MatchKey(installmentId).StoreFreeField, 0, deadline, false, amount).Encode();

    public static string StoreData(StoreLine l) =>
        $"{l.Kind},{l.AgentCode},{l.ShopCode},{l.ReceiptNo},{l.Barcode},{Yen(l.Amount)},{l.PaidAt.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)},{(l.ReceivedOn is { } r ? Iso(r) : "")},,";

    public static List<string> Store(IEnumerable<StoreLine> lines, int? trailerCount = null, long? trailerAmount = null)
    {
        var list = lines.ToList();
        return [StoreHeader, .. list.Select(StoreData), $"T,,,,,,,,{trailerCount ?? list.Count},{trailerAmount ?? list.Sum(l => l.Amount)}"];
    }

    // ---- 地方税共通納税 (eltax) ----

    public sealed record EltaxLine(string PaymentNo, string ElNumber, long Amount, DateOnly PaidOn, DateOnly ReceivedOn, string Method = "");

    public static string EltaxData(EltaxLine l) =>
        $"D,{l.PaymentNo},{l.ElNumber},{Yen(l.Amount)},{Iso(l.PaidOn)},{Iso(l.ReceivedOn)},{l.Method},,";

    public static List<string> Eltax(IEnumerable<EltaxLine> lines, int? trailerCount = null, long? trailerAmount = null)
    {
        var list = lines.ToList();
        return [EltaxHeader, .. list.Select(EltaxData), $"T,,,,,,,{trailerCount ?? list.Count},{trailerAmount ?? list.Sum(l => l.Amount)}"];
    }

    // ---- 窓口 (counter, no trailer) ----

    public sealed record CounterLine(string ReceiptNo, string Key, long Amount, DateOnly PaidOn);

    public static string CounterData(CounterLine l) => $"D,{l.ReceiptNo},{l.Key},{Yen(l.Amount)},{Iso(l.PaidOn)}";

    public static List<string> Counter(IEnumerable<CounterLine> lines) => [CounterHeader, .. lines.Select(CounterData)];

    // ---- 口座振替結果 (zengin) ----

    /// <summary>One debit of a result file: the customer number (our key) and the bank's result code.</summary>
    public sealed record ZenginResultLine(string CustomerNo, long Amount, ZenginResultCode Result, string BankCode = "0123", string BranchCode = "456");

    public static readonly ZenginHeader ZenginHeaderFor1027 =
        new("1234567890", "ｶｺﾞｼﾏｼ", 10, 27, "0123", "ｻﾝﾌﾟﾙｷﾞﾝｺｳ", "001", "ﾎﾝﾃﾝ", 1, "1234567");

    /// <summary>
    /// A result file (振替結果データ) in code page 932 with CR LF: the request as <see cref="ZenginWriter"/>
    /// writes it, then each data record's 振替結果コード set to the bank's answer and the trailer's
    /// 振替済/振替不能 count and amount filled in as a bank returns them.
    /// </summary>
    public static byte[] ZenginResult(ZenginHeader header, IReadOnlyList<ZenginResultLine> lines)
    {
        using var stream = new MemoryStream();
        ZenginWriter.WriteRequest(stream, header, lines.Select((l, i) => new ZenginDebitRecord(
            l.BankCode, "ｻﾝﾌﾟﾙｷﾞﾝｺｳ", l.BranchCode, "ｴｷﾏｴ", 1, (1_000_000 + i).ToString(CultureInfo.InvariantCulture), "ｶｺﾞｼﾏ ﾀﾛｳ", l.Amount, 0, l.CustomerNo)));
        var bytes = stream.ToArray();
        const int stride = ZenginLayout.RecordLength + 2;
        for (var i = 0; i < lines.Count; i++)
            bytes[(i + 1) * stride + ZenginLayout.Data.ResultCode.Offset] = (byte)('0' + (int)lines[i].Result);
        var debited = lines.Where(l => l.Result == ZenginResultCode.Debited).ToList();
        var failed = lines.Where(l => l.Result != ZenginResultCode.Debited).ToList();
        var trailer = (lines.Count + 1) * stride;
        void Put(ZenginField field, long value) =>
            Encoding.ASCII.GetBytes(value.ToString(CultureInfo.InvariantCulture).PadLeft(field.Width, '0')).CopyTo(bytes, trailer + field.Offset);
        Put(ZenginLayout.Trailer.DebitedCount, debited.Count);
        Put(ZenginLayout.Trailer.DebitedAmount, debited.Sum(l => l.Amount));
        Put(ZenginLayout.Trailer.FailedCount, failed.Count);
        Put(ZenginLayout.Trailer.FailedAmount, failed.Sum(l => l.Amount));
        return bytes;
    }
}
