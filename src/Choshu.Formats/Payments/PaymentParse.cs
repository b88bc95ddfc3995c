using Choshu.Formats.Csv;

namespace Choshu.Formats.Payments;

/// <summary>
/// What one data line (CSV) or data record (Zengin) of a payment file gave: exactly one of
/// <see cref="Record"/> (a payment), <see cref="DebitFailure"/> (a Zengin 振替不能) or
/// <see cref="Errors"/> (the line cannot be taken: quarantine it with <see cref="RawText"/>).
/// </summary>
/// <param name="FileName">The file's name as given to the reader.</param>
/// <param name="LineNo">Physical line the record starts on (header = line 1), or Zengin record number.</param>
/// <param name="RawText">The line as decoded, with any My Number-like 12-digit number masked; store this one.</param>
/// <param name="Record">The payment, when the line is valid and is one.</param>
/// <param name="DebitFailure">The debit failure, when the line is a valid Zengin record with a code other than 0.</param>
/// <param name="Errors">Why the line cannot be taken (field = the column's header name, "" for the whole line); empty when valid.</param>
public sealed record PaymentParse(
    string FileName,
    int LineNo,
    string RawText,
    PaymentRecord? Record,
    DebitFailure? DebitFailure,
    IReadOnlyList<FieldError> Errors)
{
    public bool IsValid => Errors.Count == 0;

    /// <summary>One sentence per error: 「ファイル名:行番号 項目名: 理由」 (「ファイル名:行番号 理由」 for the whole line).</summary>
    public IEnumerable<string> Messages =>
        Errors.Select(e => PaymentFileError.Format(FileName, LineNo, e.Field, e.Reason));

    public static PaymentParse Ok(string fileName, PaymentRecord record) =>
        new(fileName, record.LineNo, record.RawText, record, null, []);

    public static PaymentParse Failure(string fileName, DebitFailure failure) =>
        new(fileName, failure.LineNo, failure.RawText, null, failure, []);

    public static PaymentParse Failed(string fileName, int lineNo, string rawText, IReadOnlyList<FieldError> errors)
    {
        if (errors.Count == 0) throw new ArgumentException("A failed line needs at least one error.", nameof(errors));
        return new(fileName, lineNo, rawText, null, null, errors);
    }
}
