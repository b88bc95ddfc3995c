namespace Choshu.Formats.Payments;

/// <summary>
/// A problem of a payment file as a whole: a header that cannot be mapped, a trailer that is missing,
/// unreadable, out of place or whose 件数 / 合計金額 do not match the data records, a Zengin file whose
/// structure is broken. Any such error means the importer refuses the whole file and books nothing of it.
/// </summary>
/// <param name="Code">Stable machine-readable key, e.g. "payments.trailer_count".</param>
/// <param name="LineNo">The line (CSV) or record number (Zengin) at fault; 0 for the file as a whole.</param>
/// <param name="Field">The column's header name (or Zengin field name); "" when no one field is at fault.</param>
/// <param name="Message">The whole sentence in Japanese, naming the file: 「bank.csv:12 件数: …」 or 「bank.csv: …」.</param>
public sealed record PaymentFileError(string Code, int LineNo, string Field, string Message)
{
    /// <summary>An error in the CSV error style: 「ファイル名:行番号 項目名: 理由」 (or 「ファイル名: 理由」 for line 0).</summary>
    public static PaymentFileError At(string code, string fileName, int lineNo, string field, string reason) =>
        new(code, lineNo, field, Format(fileName, lineNo, field, reason));

    /// <summary>「ファイル名:行番号 項目名: 理由」; without the field when it is empty, without the line when it is 0.</summary>
    public static string Format(string fileName, int lineNo, string field, string reason)
    {
        var where = lineNo > 0 ? $"{fileName}:{lineNo}" : fileName;
        return lineNo > 0
            ? field.Length == 0 ? $"{where} {reason}" : $"{where} {field}: {reason}"
            : field.Length == 0 ? $"{where}: {reason}" : $"{where}: {field}: {reason}";
    }

    public override string ToString() => Message;
}
