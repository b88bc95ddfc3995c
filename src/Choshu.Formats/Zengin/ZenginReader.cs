using System.Globalization;
using System.Text;
using DataLayout = Choshu.Formats.Zengin.ZenginLayout.Data;
using HeaderLayout = Choshu.Formats.Zengin.ZenginLayout.Header;
using TrailerLayout = Choshu.Formats.Zengin.ZenginLayout.Trailer;

namespace Choshu.Formats.Zengin;

/// <summary>
/// Reads a 全銀協 direct-debit file (request or result, 種別コード 91) record by record, holding one
/// record in memory at a time.
/// <para>
/// <b>Framing.</b> Records are 120 bytes of code page 932. A line break after each record (CR LF; a lone
/// LF or CR is taken too) is optional: when the first record is followed by a line break the file is read
/// line by line and every line must be 120 bytes; otherwise it is cut every 120 bytes. Empty lines and a
/// final DOS end-of-file byte (0x1A) are skipped and are not records.
/// </para>
/// <para>
/// <b>What comes back.</b> <see cref="ReadRecords"/> yields every record, numbered from 1, with its value
/// (<see cref="ZenginRecord.Header"/>, <see cref="ZenginRecord.Debit"/>, <see cref="ZenginRecord.Trailer"/>)
/// when its fields could be read, and its errors. A bad data record is never dropped: it comes back with
/// its errors and its raw text so that the importer can quarantine it and apply the others. Once the
/// records have been read to the end, <see cref="Summary"/> holds the header, the trailer, the totals of
/// the data records and every structural error (<see cref="ZenginError.IsStructural"/>): a record missing,
/// out of place or unreadable outside the data records, an unknown data kind, trailer totals that do not
/// match. Structural errors found at a record are also attached to that record (the trailer's totals are
/// checked when the trailer is read, against the data records before it).
/// </para>
/// <para>
/// <b>Checks.</b> Header first, then data records, one trailer, one end record; every record 120 bytes;
/// digits in every numeric field; 種別コード 91 and コード区分 0 (JIS) in the header; 引落日 a real month and
/// day; in a request every 振替結果コード "0" or a space and the trailer's 振替済 and 振替不能 figures 0; in a
/// result every 振替結果コード one of 0, 1, 2, 3, 4, 8, 9, and the trailer's 振替済 (code 0) and 振替不能
/// (other codes) counts and amounts equal to what the data records add up to. The trailer's total count
/// is always checked; its amounts only when every data record's amount (and, for the split, result code)
/// could be read — a record that could not is already reported and quarantined. Text fields are decoded
/// and returned without trailing spaces; they are not checked against the Zengin character set, since
/// the bank's echo of a name decides nothing. Filler (ダミー) is not checked.
/// </para>
/// The stream is read forward only and is not disposed.
/// </summary>
public sealed class ZenginReader
{
    private const byte Cr = 0x0D;
    private const byte Lf = 0x0A;
    private const byte DosEndOfFile = 0x1A;
    private const int MaxKeptBytes = 1024;

    private readonly Stream _stream;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _pos;
    private int _len;
    private bool _started;
    private ZenginFileSummary? _summary;

    /// <param name="stream">The file, positioned at its start.</param>
    /// <param name="fileName">The name messages give the file (for example "result.txt").</param>
    /// <param name="kind">Whether the file is a request or a result; the checks differ.</param>
    public ZenginReader(Stream stream, string fileName, ZenginFileKind kind)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        _stream = stream;
        FileName = fileName;
        Kind = kind;
    }

    public string FileName { get; }

    public ZenginFileKind Kind { get; }

    /// <summary>What the whole file held; available once <see cref="ReadRecords"/> has been read to the end.</summary>
    public ZenginFileSummary Summary =>
        _summary ?? throw new InvalidOperationException("The summary is known only after ReadRecords() has been read to the end.");

    /// <summary>Reads a whole file into memory: for tests and small files.</summary>
    public static ZenginFileRead ReadAll(Stream stream, string fileName, ZenginFileKind kind)
    {
        var reader = new ZenginReader(stream, fileName, kind);
        var records = reader.ReadRecords().ToList();
        return new ZenginFileRead(records, reader.Summary);
    }

    /// <summary>The records in file order. Can be enumerated once.</summary>
    public IEnumerable<ZenginRecord> ReadRecords()
    {
        if (_started)
        {
            throw new InvalidOperationException("ReadRecords() can be called only once per reader.");
        }

        _started = true;
        return ReadRecordsCore();
    }

    private enum Framing { Unknown, Lines, Fixed }

    private IEnumerable<ZenginRecord> ReadRecordsCore()
    {
        var summary = new ZenginFileSummary(FileName, Kind);
        var state = new FileState();
        var kept = new byte[MaxKeptBytes];
        var framing = Framing.Unknown;
        var recordNo = 0;

        while (true)
        {
            var length = 0;
            var terminated = false;
            int b;
            while ((b = Peek()) >= 0)
            {
                if (b is Cr or Lf)
                {
                    _pos++;
                    if (b == Cr && Peek() == Lf)
                    {
                        _pos++;
                    }

                    terminated = true;
                    break;
                }

                if (length == ZenginLayout.RecordLength && framing != Framing.Lines)
                {
                    framing = Framing.Fixed;
                    break;
                }

                if (length < MaxKeptBytes)
                {
                    kept[length] = (byte)b;
                }

                length++;
                _pos++;
            }

            if (terminated && framing == Framing.Unknown)
            {
                framing = Framing.Lines;
            }

            if (length == 0)
            {
                if (terminated)
                {
                    continue; // an empty line is not a record
                }

                break; // end of file
            }

            if (b < 0 && length == 1 && kept[0] == DosEndOfFile)
            {
                break;
            }

            recordNo++;
            var record = ParseRecord(recordNo, kept.AsSpan(0, Math.Min(length, MaxKeptBytes)), length, summary, state);
            yield return record;
        }

        Finish(summary, state);
        _summary = summary;
    }

    private int Peek()
    {
        if (_pos == _len)
        {
            _len = _stream.Read(_buffer, 0, _buffer.Length);
            _pos = 0;
            if (_len == 0)
            {
                return -1;
            }
        }

        return _buffer[_pos];
    }

    private enum Position { Start, AfterHeader, AfterTrailer, AfterEnd }

    private sealed class FileState
    {
        public Position Position { get; set; } = Position.Start;
        public bool HeaderSeen { get; set; }
        public bool TrailerSeen { get; set; }
        public bool AllAmountsReadable { get; set; } = true;
        public bool AllResultCodesReadable { get; set; } = true;
        /// <summary>A sum of amounts went past long.MaxValue (checked): the file is refused, never compared with a wrapped total.</summary>
        public bool AmountOverflowed { get; set; }
    }

    /// <summary>A checked sum of yen; on overflow the file is marked and the sum stays where it was.</summary>
    private static long Add(long sum, long yen, FileState state)
    {
        try { return checked(sum + yen); }
        catch (OverflowException) { state.AmountOverflowed = true; return sum; }
    }

    /// <summary>Collects one record's errors; structural ones go to the summary as well.</summary>
    private sealed class RecordErrors(string fileName, int recordNo, ZenginRecordKind kind, ZenginFileSummary summary)
    {
        public List<ZenginError> List { get; } = [];

        public int Count => List.Count;

        public void Add(string field, string reason, bool structural)
        {
            var error = new ZenginError(fileName, recordNo, kind, field, reason, structural);
            List.Add(error);
            if (structural)
            {
                summary.StructuralErrorList.Add(error);
            }
        }
    }

    private ZenginRecord ParseRecord(int recordNo, ReadOnlySpan<byte> bytes, int length, ZenginFileSummary summary, FileState state)
    {
        summary.RecordCount++;
        var kind = KindOf(bytes);
        var errors = new RecordErrors(FileName, recordNo, kind, summary);
        var rawText = ZenginEncoding.CodePage932.GetString(bytes);

        CheckPosition(kind, bytes, errors, summary, state);

        ZenginHeader? header = null;
        ZenginDebitRecord? debit = null;
        ZenginTrailer? trailer = null;

        if (length != ZenginLayout.RecordLength)
        {
            errors.Add("", $"レコード長が{length}バイトです（{ZenginLayout.RecordLength}バイトでなければなりません）", kind != ZenginRecordKind.Data);
            if (kind == ZenginRecordKind.Data)
            {
                summary.DataRecordCount++;
                summary.InvalidDataRecordCount++;
                state.AllAmountsReadable = false;
                state.AllResultCodesReadable = false;
            }
        }
        else
        {
            switch (kind)
            {
                case ZenginRecordKind.Header:
                    header = ParseHeader(bytes, errors);
                    if (header is not null && summary.Header is null)
                    {
                        summary.Header = header;
                    }

                    break;

                case ZenginRecordKind.Data:
                    debit = ParseData(bytes, errors, summary, state);
                    break;

                case ZenginRecordKind.Trailer:
                    trailer = ParseTrailer(bytes, errors);
                    if (trailer is not null && summary.Trailer is null)
                    {
                        summary.Trailer = trailer;
                        Reconcile(trailer, summary, state, errors);
                    }

                    break;
            }
        }

        return new ZenginRecord(recordNo, kind, length, rawText, header, debit, trailer, errors.List);
    }

    private static ZenginRecordKind KindOf(ReadOnlySpan<byte> bytes) =>
        bytes.IsEmpty
            ? ZenginRecordKind.Unknown
            : bytes[0] switch
            {
                (byte)'1' => ZenginRecordKind.Header,
                (byte)'2' => ZenginRecordKind.Data,
                (byte)'8' => ZenginRecordKind.Trailer,
                (byte)'9' => ZenginRecordKind.End,
                _ => ZenginRecordKind.Unknown,
            };

    private static void CheckPosition(ZenginRecordKind kind, ReadOnlySpan<byte> bytes, RecordErrors errors, ZenginFileSummary summary, FileState state)
    {
        if (kind == ZenginRecordKind.Unknown)
        {
            errors.Add(HeaderLayout.DataKind.Name, $"1、2、8、9のいずれでもありません（{ShowByte(bytes.IsEmpty ? (byte)0 : bytes[0])}）", true);
            return;
        }

        if (state.Position == Position.AfterEnd)
        {
            errors.Add("", kind == ZenginRecordKind.End ? "エンド・レコードが2件以上あります" : "エンド・レコードより後にあります", true);
            return;
        }

        switch (kind)
        {
            case ZenginRecordKind.Header:
                if (state.Position == Position.Start)
                {
                    state.Position = Position.AfterHeader;
                }
                else
                {
                    errors.Add("", "ヘッダー・レコードは先頭に1件だけでなければなりません（マルチファイルは扱いません）", true);
                }

                state.HeaderSeen = true;
                break;

            case ZenginRecordKind.Data:
                if (state.Position == Position.Start)
                {
                    errors.Add("", "ヘッダー・レコードより前にあります", true);
                }
                else if (state.Position == Position.AfterTrailer)
                {
                    errors.Add("", "トレーラ・レコードより後にあります", true);
                }

                break;

            case ZenginRecordKind.Trailer:
                if (state.Position == Position.Start)
                {
                    errors.Add("", "ヘッダー・レコードより前にあります", true);
                }
                else if (state.Position == Position.AfterTrailer)
                {
                    errors.Add("", "トレーラ・レコードが2件以上あります", true);
                }

                state.Position = Position.AfterTrailer;
                state.TrailerSeen = true;
                break;

            case ZenginRecordKind.End:
                if (state.Position == Position.Start)
                {
                    errors.Add("", "ヘッダー・レコードより前にあります", true);
                }

                state.Position = Position.AfterEnd;
                summary.HasEndRecord = true;
                break;
        }
    }

    private static ZenginHeader? ParseHeader(ReadOnlySpan<byte> r, RecordErrors errors)
    {
        var before = errors.Count;

        var typeCode = Digits(r, HeaderLayout.TypeCode, errors, true);
        if (typeCode is not null && typeCode != ZenginLayout.DirectDebitTypeCode)
        {
            errors.Add(HeaderLayout.TypeCode.Name, $"口座振替（91）ではありません（「{typeCode}」）", true);
        }

        var codeKind = Digits(r, HeaderLayout.CodeKind, errors, true);
        if (codeKind is not null && codeKind != ZenginLayout.JisCodeKind)
        {
            errors.Add(HeaderLayout.CodeKind.Name, $"JIS（0）ではありません（「{codeKind}」）。EBCDICのファイルは扱いません", true);
        }

        var billerCode = Digits(r, HeaderLayout.BillerCode, errors, true);
        var billerName = Text(r, HeaderLayout.BillerName, errors, true);
        var debitDate = Digits(r, HeaderLayout.DebitDate, errors, true);
        int month = 0, day = 0;
        if (debitDate is not null)
        {
            month = int.Parse(debitDate.AsSpan(0, 2), CultureInfo.InvariantCulture);
            day = int.Parse(debitDate.AsSpan(2, 2), CultureInfo.InvariantCulture);
            if (!IsMonthDay(month, day))
            {
                errors.Add(HeaderLayout.DebitDate.Name, "月日（MMDD）として正しくありません", true);
            }
        }

        var bankCode = Digits(r, HeaderLayout.BankCode, errors, true);
        var bankName = Text(r, HeaderLayout.BankName, errors, true);
        var branchCode = Digits(r, HeaderLayout.BranchCode, errors, true);
        var branchName = Text(r, HeaderLayout.BranchName, errors, true);
        var accountType = Digits(r, HeaderLayout.AccountType, errors, true);
        var accountNo = Digits(r, HeaderLayout.AccountNo, errors, true);

        if (errors.Count > before)
        {
            return null;
        }

        return new ZenginHeader(
            billerCode!, billerName!, month, day, bankCode!, bankName!, branchCode!, branchName!,
            accountType![0] - '0', accountNo!);
    }

    private ZenginDebitRecord? ParseData(ReadOnlySpan<byte> r, RecordErrors errors, ZenginFileSummary summary, FileState state)
    {
        var before = errors.Count;

        var bankCode = Digits(r, DataLayout.BankCode, errors, false);
        var bankName = Text(r, DataLayout.BankName, errors, false);
        var branchCode = Digits(r, DataLayout.BranchCode, errors, false);
        var branchName = Text(r, DataLayout.BranchName, errors, false);
        var accountType = Digits(r, DataLayout.AccountType, errors, false);
        var accountNo = Digits(r, DataLayout.AccountNo, errors, false);
        var depositorName = Text(r, DataLayout.DepositorName, errors, false);
        var amount = Number(r, DataLayout.Amount, errors, false);
        var newCode = Digits(r, DataLayout.NewCode, errors, false);
        var customerNo = Digits(r, DataLayout.CustomerNo, errors, false);
        var (resultOk, resultCode) = ReadResultCode(r[DataLayout.ResultCode.Offset], errors);

        summary.DataRecordCount++;
        if (amount is { } yen)
        {
            summary.DataAmount = Add(summary.DataAmount, yen, state);
        }
        else
        {
            state.AllAmountsReadable = false;
        }

        if (Kind == ZenginFileKind.Result)
        {
            if (resultOk && amount is { } counted)
            {
                if (resultCode == ZenginResultCode.Debited)
                {
                    summary.DebitedCount++;
                    summary.DebitedAmount = Add(summary.DebitedAmount, counted, state);
                }
                else
                {
                    summary.FailedCount++;
                    summary.FailedAmount = Add(summary.FailedAmount, counted, state);
                }
            }
            else
            {
                state.AllResultCodesReadable = false;
            }
        }

        if (errors.Count > 0)
        {
            summary.InvalidDataRecordCount++;
        }

        if (errors.Count > before)
        {
            return null;
        }

        return new ZenginDebitRecord(
            bankCode!, bankName!, branchCode!, branchName!, accountType![0] - '0', accountNo!, depositorName!,
            amount!.Value, newCode![0] - '0', customerNo!, resultCode);
    }

    private (bool Ok, ZenginResultCode? Code) ReadResultCode(byte b, RecordErrors errors)
    {
        var name = DataLayout.ResultCode.Name;
        if (Kind == ZenginFileKind.Request)
        {
            if (b is (byte)' ' or (byte)'0')
            {
                return (true, null);
            }

            errors.Add(name, "依頼データでは0または空白でなければなりません", false);
            return (false, null);
        }

        if (b == (byte)' ')
        {
            errors.Add(name, "空白です（振替結果データでは必須です）", false);
            return (false, null);
        }

        if (b is < (byte)'0' or > (byte)'9')
        {
            errors.Add(name, "数字ではありません", false);
            return (false, null);
        }

        var code = b - '0';
        if (!ZenginResultCodeNames.IsDefined(code))
        {
            errors.Add(name, $"定義されていないコードです（{code}）", false);
            return (false, null);
        }

        return (true, (ZenginResultCode)code);
    }

    private static ZenginTrailer? ParseTrailer(ReadOnlySpan<byte> r, RecordErrors errors)
    {
        var before = errors.Count;
        var totalCount = Number(r, TrailerLayout.TotalCount, errors, true);
        var totalAmount = Number(r, TrailerLayout.TotalAmount, errors, true);
        var debitedCount = Number(r, TrailerLayout.DebitedCount, errors, true);
        var debitedAmount = Number(r, TrailerLayout.DebitedAmount, errors, true);
        var failedCount = Number(r, TrailerLayout.FailedCount, errors, true);
        var failedAmount = Number(r, TrailerLayout.FailedAmount, errors, true);
        if (errors.Count > before)
        {
            return null;
        }

        return new ZenginTrailer(
            (int)totalCount!.Value, totalAmount!.Value, (int)debitedCount!.Value, debitedAmount!.Value,
            (int)failedCount!.Value, failedAmount!.Value);
    }

    private void Reconcile(ZenginTrailer t, ZenginFileSummary s, FileState state, RecordErrors errors)
    {
        if (t.TotalCount != s.DataRecordCount)
        {
            errors.Add(TrailerLayout.TotalCount.Name, $"データ・レコードの件数と一致しません（トレーラ {Count(t.TotalCount)}、データ・レコード {Count(s.DataRecordCount)}）", true);
        }

        if (state.AllAmountsReadable && t.TotalAmount != s.DataAmount)
        {
            errors.Add(TrailerLayout.TotalAmount.Name, $"データ・レコードの振替金額の合計と一致しません（トレーラ {Yen(t.TotalAmount)}、データ・レコード {Yen(s.DataAmount)}）", true);
        }

        if (Kind == ZenginFileKind.Request)
        {
            foreach (var (field, value) in new[]
                     {
                         (TrailerLayout.DebitedCount, (long)t.DebitedCount), (TrailerLayout.DebitedAmount, t.DebitedAmount),
                         (TrailerLayout.FailedCount, (long)t.FailedCount), (TrailerLayout.FailedAmount, t.FailedAmount),
                     })
            {
                if (value != 0)
                {
                    errors.Add(field.Name, "依頼データでは0でなければなりません", true);
                }
            }

            return;
        }

        if ((long)t.DebitedCount + t.FailedCount != t.TotalCount)
        {
            errors.Add("", $"振替済件数と振替不能件数の和（{Count((long)t.DebitedCount + t.FailedCount)}）が合計件数（{Count(t.TotalCount)}）と一致しません", true);
        }

        if (t.DebitedAmount + t.FailedAmount != t.TotalAmount)
        {
            errors.Add("", $"振替済金額と振替不能金額の和（{Yen(t.DebitedAmount + t.FailedAmount)}）が合計金額（{Yen(t.TotalAmount)}）と一致しません", true);
        }

        if (!state.AllAmountsReadable || !state.AllResultCodesReadable)
        {
            return;
        }

        if (t.DebitedCount != s.DebitedCount)
        {
            errors.Add(TrailerLayout.DebitedCount.Name, $"振替結果コード0のデータ・レコードの件数と一致しません（トレーラ {Count(t.DebitedCount)}、データ・レコード {Count(s.DebitedCount)}）", true);
        }

        if (t.DebitedAmount != s.DebitedAmount)
        {
            errors.Add(TrailerLayout.DebitedAmount.Name, $"振替結果コード0のデータ・レコードの振替金額の合計と一致しません（トレーラ {Yen(t.DebitedAmount)}、データ・レコード {Yen(s.DebitedAmount)}）", true);
        }

        if (t.FailedCount != s.FailedCount)
        {
            errors.Add(TrailerLayout.FailedCount.Name, $"振替結果コードが0以外のデータ・レコードの件数と一致しません（トレーラ {Count(t.FailedCount)}、データ・レコード {Count(s.FailedCount)}）", true);
        }

        if (t.FailedAmount != s.FailedAmount)
        {
            errors.Add(TrailerLayout.FailedAmount.Name, $"振替結果コードが0以外のデータ・レコードの振替金額の合計と一致しません（トレーラ {Yen(t.FailedAmount)}、データ・レコード {Yen(s.FailedAmount)}）", true);
        }
    }

    private void Finish(ZenginFileSummary summary, FileState state)
    {
        void FileError(string reason) =>
            summary.StructuralErrorList.Add(new ZenginError(FileName, 0, null, "", reason, true));

        if (summary.RecordCount == 0)
        {
            FileError("ファイルが空です（レコードがありません）");
            return;
        }

        if (state.AmountOverflowed)
        {
            FileError("振替金額の合計が大きすぎて計算できません");
        }

        if (!state.HeaderSeen)
        {
            FileError("ヘッダー・レコードがありません");
        }

        if (!state.TrailerSeen)
        {
            FileError("トレーラ・レコードがありません");
        }

        if (!summary.HasEndRecord)
        {
            FileError("エンド・レコードがありません");
        }
    }

    /// <summary>The field's digits, or null (and an error) when a byte is not an ASCII digit.</summary>
    private static string? Digits(ReadOnlySpan<byte> record, ZenginField field, RecordErrors errors, bool structural)
    {
        var bytes = record.Slice(field.Offset, field.Width);
        foreach (var b in bytes)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                errors.Add(field.Name, "数字ではありません", structural);
                return null;
            }
        }

        return Encoding.ASCII.GetString(bytes);
    }

    private static long? Number(ReadOnlySpan<byte> record, ZenginField field, RecordErrors errors, bool structural)
    {
        var digits = Digits(record, field, errors, structural);
        return digits is null ? null : long.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture);
    }

    /// <summary>The field decoded from code page 932 without trailing spaces, or null (and an error) when a byte sequence is not valid.</summary>
    private static string? Text(ReadOnlySpan<byte> record, ZenginField field, RecordErrors errors, bool structural)
    {
        var text = ZenginEncoding.CodePage932.GetString(record.Slice(field.Offset, field.Width));
        if (text.Contains('\uFFFD'))
        {
            errors.Add(field.Name, "シフトJIS（コードページ932）の文字として読めないバイトがあります", structural);
            return null;
        }

        return text.TrimEnd(' ');
    }

    private static bool IsMonthDay(int month, int day) =>
        month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(2000, month); // 2000: a leap year, so 0229 is a date

    private static string ShowByte(byte b) =>
        b is >= 0x21 and <= 0x7E ? $"「{(char)b}」" : $"0x{b:X2}";

    private static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture) + "件";

    private static string Yen(long n) => n.ToString("N0", CultureInfo.InvariantCulture) + "円";
}

/// <summary>A whole file read by <see cref="ZenginReader.ReadAll"/>.</summary>
public sealed record ZenginFileRead(IReadOnlyList<ZenginRecord> Records, ZenginFileSummary Summary)
{
    /// <summary>The data records that can be applied (no error at all).</summary>
    public IEnumerable<ZenginDebitRecord> ValidDebits =>
        Records.Where(r => r.Kind == ZenginRecordKind.Data && r.IsValid && r.Debit is not null).Select(r => r.Debit!);

    /// <summary>The data records to quarantine.</summary>
    public IEnumerable<ZenginRecord> InvalidDataRecords =>
        Records.Where(r => r.Kind == ZenginRecordKind.Data && !r.IsValid);
}
