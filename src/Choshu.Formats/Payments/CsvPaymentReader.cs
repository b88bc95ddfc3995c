using System.Globalization;
using Choshu.Formats.Csv;

namespace Choshu.Formats.Payments;

/// <summary>
/// What the CSV payment layouts (bank, store, eltax, counter) share, on top of the CSV import rules
/// (<see cref="CsvReader"/>, <see cref="CsvHeader"/>, <see cref="CsvFields"/>): a header row of Japanese
/// names; a 区分 column that marks each line as data or as the trailer (区分 <c>T</c>); one trailer
/// declaring 件数 and 合計金額. Layout by layout: docs/formats.md.
/// <para>
/// <b>What the trailer is compared with.</b> Every non-blank line after the header whose 区分 is not
/// <c>T</c> is a data record — valid or not, whatever its 区分 (a store's 速報, 確報 and 取消 alike), and
/// also a line that is broken (bad quoting, wrong number of fields) or that comes after the trailer.
/// 件数 must equal the number of data records. 合計金額 must equal the sum of 金額 over the data records,
/// each 金額 taken as written (a store's 取消 is added, not subtracted; an amount that makes its own
/// line invalid, such as 0 or one that differs from the barcode, is still added). When some data
/// record's 金額 cannot be read at all, the amounts are not compared (that line is quarantined with
/// its reason; <see cref="PaymentFileCheck.AmountCompared"/> is false) but the count still is.
/// </para>
/// <para>
/// <b>File-level errors</b> (the whole file is refused): empty file, header refused (required column
/// missing, a column twice), no trailer, more than one trailer, data after the trailer, a trailer
/// that cannot be read, 件数 or 合計金額 not matching.
/// </para>
/// </summary>
public abstract class CsvPaymentReader : PaymentFileReader
{
    /// <summary>The column the 納付日 comes from (the store layout's is 納付日時).</summary>
    protected virtual string PaidOnColumn => "納付日";

    /// <summary>The column the 収入日 comes from.</summary>
    protected virtual string ReceivedOnColumn => "収入日";

    /// <summary>区分: what the line is (data, or <see cref="TrailerKind"/>).</summary>
    public const string KindColumn = "区分";

    /// <summary>金額: whole yen, more than 0.</summary>
    public const string AmountColumn = "金額";

    /// <summary>件数: trailer only, the number of data records.</summary>
    public const string CountColumn = "件数";

    /// <summary>合計金額: trailer only, the sum of 金額 over the data records.</summary>
    public const string TotalColumn = "合計金額";

    /// <summary>The 区分 of the trailer line.</summary>
    public const string TrailerKind = "T";

    /// <summary>The columns; a required column missing from the header refuses the file.</summary>
    public abstract IReadOnlyList<CsvColumn> Layout { get; }

    /// <summary>True when the layout ends with a trailer (every layout but counter).</summary>
    protected abstract bool HasTrailer { get; }

    /// <summary>
    /// Reads one data line (any line whose 区分 is not the trailer's): the payment, or null with at least
    /// one error in <paramref name="errors"/>. <paramref name="rawText"/> is the line as it may be stored.
    /// </summary>
    protected abstract PaymentRecord? ParseData(CsvRow row, string rawText, List<FieldError> errors);

    public override PaymentFileRead Open(Stream stream, string fileName, CsvTextEncoding? encoding = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        var text = stream;
        if (encoding is null)
        {
            (text, encoding) = Detect(stream);
        }

        var read = new PaymentFileRead(fileName, Format, encoding.Name);
        read.Start(ReadLines(text, fileName, encoding, read));
        return read;
    }

    /// <summary>Reads up to 64 KiB + 1 byte to decide the encoding, and a stream that gives them back first.</summary>
    private static (Stream Stream, CsvTextEncoding Encoding) Detect(Stream stream)
    {
        var head = new byte[CsvTextEncoding.DetectionWindow + 1];
        var length = 0;
        int n;
        while (length < head.Length && (n = stream.Read(head, length, head.Length - length)) > 0)
        {
            length += n;
        }

        var encoding = CsvTextEncoding.Detect(head.AsSpan(0, length), isWholeFile: length <= CsvTextEncoding.DetectionWindow);
        return (new HeadReplayStream(head, length, stream), encoding);
    }

    private IEnumerable<PaymentParse> ReadLines(Stream stream, string fileName, CsvTextEncoding encoding, PaymentFileRead read)
    {
        var check = new PaymentFileCheck(fileName, Format, encoding.Name);
        using var reader = new StreamReader(stream, encoding.Encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024, leaveOpen: true);
        using var records = new CsvReader(reader).ReadRecords().Where(r => !r.IsBlank).GetEnumerator();

        var header = MapHeader(records, fileName, check);
        if (header is not null)
        {
            var kindIndex = header.IndexOf(KindColumn);
            var afterTrailerReported = false;
            while (records.MoveNext())
            {
                var record = records.Current;
                if (HasTrailer && kindIndex < record.Fields.Count && record.Fields[kindIndex].Trim() == TrailerKind)
                {
                    ReadTrailer(record, header, fileName, check);
                    continue;
                }

                if (check.TrailerLineNo is { } trailerLine && !afterTrailerReported)
                {
                    afterTrailerReported = true;
                    check.Add(PaymentFileError.At("payments.after_trailer", fileName, record.LineNo, "",
                        $"トレーラ行（{trailerLine}行目）の後にデータ行があります。ファイル全体を取り込みません。"));
                }

                yield return ReadData(record, header, fileName, check);
            }

            if (HasTrailer)
            {
                CompareTrailer(fileName, check);
            }
        }

        read.Complete(check);
    }

    private CsvHeader? MapHeader(IEnumerator<CsvRecord> records, string fileName, PaymentFileCheck check)
    {
        if (!records.MoveNext())
        {
            check.Add(PaymentFileError.At("import.empty", fileName, 0, "", "ヘッダー行がありません（空のファイルです）。ファイル全体を取り込みません。"));
            return null;
        }

        try
        {
            return CsvHeader.Map(records.Current, Layout, fileName);
        }
        catch (CsvFileRefusedException ex)
        {
            check.Add(new PaymentFileError(ex.Code, records.Current.LineNo, "", ex.Message));
            return null;
        }
    }

    private PaymentParse ReadData(CsvRecord record, CsvHeader header, string fileName, PaymentFileCheck check)
    {
        check.DataRecordCount++;
        var raw = MyNumberMask.Apply(record.RawText);
        if (record.Error is not null)
        {
            check.UnreadableAmountCount++;
            return PaymentParse.Failed(fileName, record.LineNo, raw, [new FieldError("", record.Error)]);
        }

        if (record.Fields.Count != header.FieldCount)
        {
            check.UnreadableAmountCount++;
            return PaymentParse.Failed(fileName, record.LineNo, raw,
                [new FieldError("", $"項目数が{record.Fields.Count}個あります（ヘッダー行は{header.FieldCount}個）。列がずれている可能性があります。")]);
        }

        var row = new CsvRow(record, header);
        if (CsvFields.Yen(row, AmountColumn, required: false, []) is { } amount)
        {
            check.AddAmount(amount);
        }
        else
        {
            check.UnreadableAmountCount++;
        }

        var errors = new List<FieldError>();
        var payment = ParseData(row, raw, errors);
        if (errors.Count > 0)
        {
            return PaymentParse.Failed(fileName, record.LineNo, raw, errors);
        }

        if (payment is null)
        {
            throw new InvalidOperationException($"{GetType().Name} gave neither a payment nor an error for line {record.LineNo}.");
        }

        // The one rule for every payment, whoever sends it (PaymentLimits): the amount ceiling and the date window.
        if (Limits.AmountReason(payment.Amount) is { } tooMuch) errors.Add(new(AmountColumn, tooMuch));
        if (Limits.DateReason(payment.PaidOn) is { } paid) errors.Add(new(PaidOnColumn, paid));
        if (payment.ReceivedOn is { } received && received != payment.PaidOn && Limits.DateReason(received) is { } late) errors.Add(new(ReceivedOnColumn, late));
        if (errors.Count > 0)
        {
            return PaymentParse.Failed(fileName, record.LineNo, raw, errors);
        }

        check.ValidRecordCount++;
        return PaymentParse.Ok(fileName, payment);
    }

    private static void ReadTrailer(CsvRecord record, CsvHeader header, string fileName, PaymentFileCheck check)
    {
        if (check.TrailerLineNo is { } first)
        {
            check.Add(PaymentFileError.At("payments.trailer_duplicate", fileName, record.LineNo, KindColumn,
                $"トレーラ行（区分 T）が2行以上あります（最初は{first}行目）。ファイル全体を取り込みません。"));
            return;
        }

        check.TrailerLineNo = record.LineNo;
        if (record.Error is not null)
        {
            check.Add(PaymentFileError.At("payments.trailer_invalid", fileName, record.LineNo, "", $"トレーラ行を読めません。{record.Error}"));
            return;
        }

        if (record.Fields.Count != header.FieldCount)
        {
            check.Add(PaymentFileError.At("payments.trailer_invalid", fileName, record.LineNo, "",
                $"トレーラ行の項目数が{record.Fields.Count}個あります（ヘッダー行は{header.FieldCount}個）。"));
            return;
        }

        var row = new CsvRow(record, header);
        var errors = new List<FieldError>();
        var count = CsvFields.Integer(row, CountColumn, 0, 999_999_999, required: true, errors);
        var total = CsvFields.Yen(row, TotalColumn, required: true, errors);
        foreach (var e in errors)
        {
            check.Add(PaymentFileError.At("payments.trailer_invalid", fileName, record.LineNo, e.Field, "トレーラ行の値を読めません。" + e.Reason));
        }

        check.DeclaredCount = count;
        check.DeclaredAmount = total;
    }

    private static void CompareTrailer(string fileName, PaymentFileCheck check)
    {
        if (check.TrailerLineNo is not { } line)
        {
            check.Add(PaymentFileError.At("payments.trailer_missing", fileName, 0, "",
                "トレーラ行（区分 T）がありません。件数と合計金額を確かめられないため、ファイル全体を取り込みません。"));
            return;
        }

        if (check.DeclaredCount is { } count && count != check.DataRecordCount)
        {
            check.Add(PaymentFileError.At("payments.trailer_count", fileName, line, CountColumn,
                $"トレーラの件数（{Count(count)}）とデータ行の件数（{Count(check.DataRecordCount)}）が一致しません。ファイル全体を取り込みません。"));
        }

        if (check.AmountOverflowed)
        {
            check.Add(PaymentFileError.At("payments.total_overflow", fileName, line, TotalColumn,
                "データ行の金額の合計が大きすぎて計算できません（桁あふれ）。ファイル全体を取り込みません。"));
            return;
        }

        if (check.DeclaredAmount is { } total && check.UnreadableAmountCount == 0)
        {
            check.AmountCompared = true;
            if (total != check.DataAmount)
            {
                check.Add(PaymentFileError.At("payments.trailer_amount", fileName, line, TotalColumn,
                    $"トレーラの合計金額（{Yen(total)}）とデータ行の金額の合計（{Yen(check.DataAmount)}）が一致しません。ファイル全体を取り込みません。"));
            }
        }
    }

    internal static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture) + "件";

    internal static string Yen(long n) => n.ToString("N0", CultureInfo.InvariantCulture) + "円";
}
