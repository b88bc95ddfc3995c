using System.Globalization;
using Choshu.Domain;
using Choshu.Formats.Kana;
using DataLayout = Choshu.Formats.Zengin.ZenginLayout.Data;
using EndLayout = Choshu.Formats.Zengin.ZenginLayout.End;
using HeaderLayout = Choshu.Formats.Zengin.ZenginLayout.Header;
using TrailerLayout = Choshu.Formats.Zengin.ZenginLayout.Trailer;

namespace Choshu.Formats.Zengin;

/// <summary>
/// Writes the city's direct-debit request (振替依頼データ, 種別コード 91, コード区分 0 = JIS) in code
/// page 932: the header, one data record per debit as the sequence is enumerated (nothing is held in
/// memory), the trailer it computes and the end record.
/// <list type="bullet">
/// <item>Numeric fields: ASCII digits right-aligned and zero-filled; a value with more digits than the
/// field, or a non-digit, is refused.</item>
/// <item>Text fields (names): converted through <see cref="HalfWidthKana.ToZengin(string, HalfWidthKanaOptions)"/>,
/// left-aligned, space-filled, and cut at the field's width (every Zengin character is one byte, and
/// banks compare only what fits; a name is never refused for being long).</item>
/// <item>振替結果コード is written "0" (a request carries no result); the trailer's 振替済 and 振替不能
/// counts and amounts are 0; filler is spaces.</item>
/// </list>
/// A value that cannot be written throws <see cref="DomainException"/> naming the record (1 = header,
/// 2 = the first data record) and the field: "zengin.field_invalid", "kana.unsupported" (a character
/// with no Zengin form), "zengin.request_has_result", "zengin.total_too_large". The stream is written
/// from where it stands, flushed, and not disposed; after an exception it holds a partial file.
/// </summary>
public static class ZenginWriter
{
    private static readonly byte[] s_crLf = [0x0D, 0x0A];

    /// <summary>Writes a request file with the default options (CR LF after each record). Returns the trailer written.</summary>
    public static ZenginTrailer WriteRequest(Stream output, ZenginHeader header, IEnumerable<ZenginDebitRecord> records) =>
        WriteRequest(output, header, records, ZenginWriterOptions.Default);

    /// <summary>Writes a request file. Returns the trailer written.</summary>
    public static ZenginTrailer WriteRequest(Stream output, ZenginHeader header, IEnumerable<ZenginDebitRecord> records, ZenginWriterOptions options)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(options);

        var buffer = new byte[ZenginLayout.RecordLength];
        var recordNo = 1;

        var h = new RecordBuilder(buffer, recordNo, ZenginRecordKind.Header, options.Kana);
        h.PutDigits(HeaderLayout.DataKind, "1");
        h.PutDigits(HeaderLayout.TypeCode, ZenginLayout.DirectDebitTypeCode);
        h.PutDigits(HeaderLayout.CodeKind, ZenginLayout.JisCodeKind);
        h.PutDigits(HeaderLayout.BillerCode, header.BillerCode);
        h.PutText(HeaderLayout.BillerName, header.BillerName);
        if (header.DebitMonth is < 1 or > 12 || header.DebitDay < 1 || header.DebitDay > DateTime.DaysInMonth(2000, header.DebitMonth))
        {
            throw h.Invalid(HeaderLayout.DebitDate, "実在する月日でなければなりません");
        }

        h.PutNumber(HeaderLayout.DebitDate, header.DebitMonth * 100 + header.DebitDay);
        h.PutDigits(HeaderLayout.BankCode, header.BankCode);
        h.PutText(HeaderLayout.BankName, header.BankName);
        h.PutDigits(HeaderLayout.BranchCode, header.BranchCode);
        h.PutText(HeaderLayout.BranchName, header.BranchName);
        h.PutNumber(HeaderLayout.AccountType, header.AccountType);
        h.PutDigits(HeaderLayout.AccountNo, header.AccountNo);
        h.PutFiller(HeaderLayout.Filler);
        Emit(output, buffer, options);

        long count = 0;
        long amount = 0;
        foreach (var record in records)
        {
            ArgumentNullException.ThrowIfNull(record, nameof(records));
            recordNo++;
            var d = new RecordBuilder(buffer, recordNo, ZenginRecordKind.Data, options.Kana);
            if (record.ResultCode is not null)
            {
                throw new DomainException("zengin.request_has_result", d.Where(DataLayout.ResultCode) + ": 依頼データには指定できません。");
            }

            d.PutDigits(DataLayout.DataKind, "2");
            d.PutDigits(DataLayout.BankCode, record.BankCode);
            d.PutText(DataLayout.BankName, record.BankName);
            d.PutDigits(DataLayout.BranchCode, record.BranchCode);
            d.PutText(DataLayout.BranchName, record.BranchName);
            d.PutFiller(DataLayout.Filler1);
            d.PutNumber(DataLayout.AccountType, record.AccountType);
            d.PutDigits(DataLayout.AccountNo, record.AccountNo);
            d.PutText(DataLayout.DepositorName, record.DepositorName);
            d.PutNumber(DataLayout.Amount, record.Amount);
            d.PutNumber(DataLayout.NewCode, record.NewCode);
            d.PutDigits(DataLayout.CustomerNo, record.CustomerNo);
            d.PutDigits(DataLayout.ResultCode, "0");
            d.PutFiller(DataLayout.Filler2);
            Emit(output, buffer, options);

            count++;
            amount = checked(amount + record.Amount);
        }

        recordNo++;
        var trailer = new ZenginTrailer((int)Math.Min(count, int.MaxValue), amount, 0, 0, 0, 0);
        var t = new RecordBuilder(buffer, recordNo, ZenginRecordKind.Trailer, options.Kana);
        t.PutDigits(TrailerLayout.DataKind, "8");
        t.PutTotal(TrailerLayout.TotalCount, count);
        t.PutTotal(TrailerLayout.TotalAmount, amount);
        t.PutNumber(TrailerLayout.DebitedCount, 0);
        t.PutNumber(TrailerLayout.DebitedAmount, 0);
        t.PutNumber(TrailerLayout.FailedCount, 0);
        t.PutNumber(TrailerLayout.FailedAmount, 0);
        t.PutFiller(TrailerLayout.Filler);
        Emit(output, buffer, options);

        var e = new RecordBuilder(buffer, recordNo + 1, ZenginRecordKind.End, options.Kana);
        e.PutDigits(EndLayout.DataKind, "9");
        e.PutFiller(EndLayout.Filler);
        Emit(output, buffer, options);

        output.Flush();
        return trailer;
    }

    private static void Emit(Stream output, byte[] record, ZenginWriterOptions options)
    {
        output.Write(record, 0, record.Length);
        if (options.LineBreaks)
        {
            output.Write(s_crLf, 0, s_crLf.Length);
        }
    }

    /// <summary>Fills one 120-byte record field by field.</summary>
    internal readonly struct RecordBuilder(byte[] buffer, int recordNo, ZenginRecordKind kind, HalfWidthKanaOptions kana)
    {
        public string Where(ZenginField field) => $"{recordNo}件目（{kind.ToDisplayName()}）の{field.Name}";

        public DomainException Invalid(ZenginField field, string reason) =>
            new("zengin.field_invalid", $"{Where(field)}: {reason}。");

        /// <summary>Up to <c>field.Width</c> ASCII digits, zero-filled on the left.</summary>
        public void PutDigits(ZenginField field, string? digits)
        {
            if (digits is null || digits.Length == 0 || digits.Length > field.Width || !digits.All(char.IsAsciiDigit))
            {
                throw Invalid(field, $"{field.Width}桁以内の半角数字でなければなりません");
            }

            var span = buffer.AsSpan(field.Offset, field.Width);
            var pad = field.Width - digits.Length;
            span[..pad].Fill((byte)'0');
            for (var i = 0; i < digits.Length; i++)
            {
                span[pad + i] = (byte)digits[i];
            }
        }

        public void PutNumber(ZenginField field, long value)
        {
            if (value < 0)
            {
                throw Invalid(field, "0以上でなければなりません");
            }

            PutDigits(field, value.ToString(CultureInfo.InvariantCulture));
        }

        /// <summary>A trailer total: a value too large for the field is a file too large, not a bad record.</summary>
        public void PutTotal(ZenginField field, long value)
        {
            if (value.ToString(CultureInfo.InvariantCulture).Length > field.Width)
            {
                throw new DomainException("zengin.total_too_large", $"{Where(field)}: {field.Width}桁に収まりません。ファイルを分けてください。");
            }

            PutNumber(field, value);
        }

        /// <summary>Zengin text, left-aligned, space-filled, cut at the field's width.</summary>
        public void PutText(ZenginField field, string? text)
        {
            string zengin;
            try
            {
                zengin = HalfWidthKana.ToZengin(text ?? "", kana);
            }
            catch (DomainException ex)
            {
                throw new DomainException(ex.Code, $"{Where(field)}: {ex.Message}", ex);
            }

            if (zengin.Length > field.Width)
            {
                zengin = zengin[..field.Width];
            }

            var span = buffer.AsSpan(field.Offset, field.Width);
            var written = ZenginEncoding.CodePage932.GetBytes(zengin, span);
            span[written..].Fill((byte)' ');
        }

        public void PutFiller(ZenginField field) => buffer.AsSpan(field.Offset, field.Width).Fill((byte)' ');
    }
}
