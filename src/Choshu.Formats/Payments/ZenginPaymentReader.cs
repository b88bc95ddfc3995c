using System.Globalization;
using Choshu.Domain;
using Choshu.Domain.Reconciliation;
using Choshu.Formats.Csv;
using Choshu.Formats.Zengin;
using DataLayout = Choshu.Formats.Zengin.ZenginLayout.Data;
using HeaderLayout = Choshu.Formats.Zengin.ZenginLayout.Header;

namespace Choshu.Formats.Payments;

/// <summary>
/// The bank's direct-debit result file (振替結果データ, 全銀 種別コード 91) read through
/// <see cref="ZenginReader"/> as payments: each data record with 振替結果コード 0 is a payment dated on
/// the header's 引落日 (納付日 = 収入日 = 引落日); a record with any other code is a
/// <see cref="Payments.DebitFailure"/>; every structural error of the file (header, trailer or end record
/// missing or out of place, trailer totals not matching the records) is a file-level error. The header
/// carries the debit date as MMDD only: the year comes from <see cref="ForYear"/> or
/// <see cref="ForDebitOnOrBefore"/>. docs/formats.md「口座振替結果データ (zengin)」.
/// </summary>
public sealed class ZenginPaymentReader : PaymentFileReader
{
    private readonly int? _year;
    private readonly DateOnly? _onOrBefore;

    private ZenginPaymentReader(int? year, DateOnly? onOrBefore)
    {
        _year = year;
        _onOrBefore = onOrBefore;
    }

    /// <summary>The header's 引落日 is in <paramref name="year"/> (2000–2099, else <see cref="DomainException"/> "import.debit_year_invalid").</summary>
    public static ZenginPaymentReader ForYear(int year) =>
        year is >= 2000 and <= 2099
            ? new(year, null)
            : throw new DomainException("import.debit_year_invalid", $"引落年は2000～2099の西暦4桁で指定してください（{year}）。");

    /// <summary>The header's 引落日 is the latest date with its MMDD on or before <paramref name="day"/> (the import day).</summary>
    public static ZenginPaymentReader ForDebitOnOrBefore(DateOnly day) => new(null, day);

    public override string Format => PaymentFormats.Zengin;

    public override PaymentChannel Channel => PaymentChannel.DirectDebit;

    /// <summary>The debit date for the header's month and day, or null when no such date exists (02-29 in a common year).</summary>
    public DateOnly? DebitDate(int month, int day)
    {
        if (month is < 1 or > 12 || day < 1) return null;
        if (_year is { } year)
            return day <= DateTime.DaysInMonth(year, month) ? new DateOnly(year, month, day) : null;

        var limit = _onOrBefore!.Value;
        for (var y = limit.Year; y >= limit.Year - 8; y--) // 8 years always holds a 29 February
        {
            if (day > DateTime.DaysInMonth(y, month)) continue;
            var date = new DateOnly(y, month, day);
            if (date <= limit) return date;
        }

        return null;
    }

    /// <summary>Starts a pass; <paramref name="encoding"/> is ignored (Zengin files are code page 932).</summary>
    public override PaymentFileRead Open(Stream stream, string fileName, CsvTextEncoding? encoding = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        var read = new PaymentFileRead(fileName, Format, CsvTextEncoding.ShiftJisName);
        read.Start(ReadLines(stream, fileName, read));
        return read;
    }

    private IEnumerable<PaymentParse> ReadLines(Stream stream, string fileName, PaymentFileRead read)
    {
        var check = new PaymentFileCheck(fileName, Format, CsvTextEncoding.ShiftJisName);
        var reader = new ZenginReader(stream, fileName, ZenginFileKind.Result);
        var headerSeen = false;
        DateOnly? debitDate = null;
        foreach (var record in reader.ReadRecords())
        {
            switch (record.Kind)
            {
                case ZenginRecordKind.Header when record.Header is { } header && !headerSeen:
                    headerSeen = true;
                    debitDate = DebitDate(header.DebitMonth, header.DebitDay);
                    if (debitDate is null)
                    {
                        check.Add(PaymentFileError.At("payments.debit_date_invalid", fileName, record.RecordNo, HeaderLayout.DebitDate.Name,
                            $"{header.DebitMonth}月{header.DebitDay}日は{_year?.ToString(CultureInfo.InvariantCulture) ?? "指定の"}年にありません。ファイル全体を取り込みません。"));
                    }
                    else if (Limits.DateReason(debitDate.Value) is { } outside)
                    {
                        // Every record's 納付日 and 収入日 is the debit date: one date outside the window refuses the file.
                        check.Add(PaymentFileError.At("payments.debit_date_invalid", fileName, record.RecordNo, HeaderLayout.DebitDate.Name,
                            $"引落日 {debitDate.Value:yyyy-MM-dd} は{outside}ファイル全体を取り込みません。"));
                        debitDate = null;
                    }

                    break;

                case ZenginRecordKind.Trailer:
                    check.TrailerLineNo ??= record.RecordNo;
                    break;

                case ZenginRecordKind.Data:
                    check.DataRecordCount++;
                    if (record.Length != ZenginLayout.RecordLength || record.Errors.Any(e => e.Field == DataLayout.Amount.Name))
                        check.UnreadableAmountCount++;
                    yield return ToParse(record, debitDate, fileName, check);
                    break;
            }
        }

        var summary = reader.Summary;
        check.DataAmount = summary.DataAmount;
        if (summary.Trailer is { } trailer)
        {
            check.DeclaredCount = trailer.TotalCount;
            check.DeclaredAmount = trailer.TotalAmount;
            check.AmountCompared = check.UnreadableAmountCount == 0;
        }

        foreach (var e in summary.StructuralErrors)
        {
            check.Add(new PaymentFileError("payments.zengin_structure", e.RecordNo, e.Field, e.Message));
        }

        read.Complete(check);
    }

    private PaymentParse ToParse(ZenginRecord record, DateOnly? debitDate, string fileName, PaymentFileCheck check)
    {
        var raw = MyNumberMask.Apply(record.RawText);
        if (!record.IsValid || record.Debit is not { } debit)
        {
            return PaymentParse.Failed(fileName, record.RecordNo, raw,
                record.Errors.Select(e => new FieldError(e.Field, e.Reason)).DefaultIfEmpty(new FieldError("", "データ・レコードを読めません")).ToList());
        }

        if (debitDate is not { } date)
        {
            return PaymentParse.Failed(fileName, record.RecordNo, raw,
                [new FieldError("", "ヘッダー・レコードの引落日が読めないため、引落日を決められません")]);
        }

        if (MatchKey.IsOutOfRange(debit.CustomerNo))
        {
            return PaymentParse.Failed(fileName, record.RecordNo, raw, [new FieldError(DataLayout.CustomerNo.Name, MatchKey.OutOfRangeReason)]);
        }

        if (debit.Amount > Limits.MaxAmount && Limits.AmountReason(debit.Amount) is { } tooMuch)
        {
            return PaymentParse.Failed(fileName, record.RecordNo, raw, [new FieldError(DataLayout.Amount.Name, tooMuch)]);
        }

        var key = MatchKey.TryParse(debit.CustomerNo, out var k) ? k : (MatchKey?)null;
        var source = $"{debit.BankCode}-{debit.BranchCode}";
        var idempotencyKey = $"zengin:{PaymentFields.Iso(date)}:{debit.CustomerNo}";
        var code = debit.ResultCode ?? throw new InvalidOperationException("A valid result record has a result code.");
        if (code == ZenginResultCode.Debited)
        {
            if (debit.Amount <= 0)
            {
                return PaymentParse.Failed(fileName, record.RecordNo, raw, [new FieldError(DataLayout.Amount.Name, "振替済ですが振替金額が0円です")]);
            }

            check.ValidRecordCount++;
            return PaymentParse.Ok(fileName, new PaymentRecord(
                record.RecordNo, PaymentRecordKind.Payment, PaymentChannel.DirectDebit, debit.CustomerNo, key, debit.Amount, date, date,
                source, idempotencyKey, raw));
        }

        check.ValidRecordCount++;
        return PaymentParse.Failure(fileName, new DebitFailure(record.RecordNo, debit.CustomerNo, key, debit.Amount, code, date, source, idempotencyKey, raw));
    }
}
