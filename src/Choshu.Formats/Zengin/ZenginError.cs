namespace Choshu.Formats.Zengin;

/// <summary>
/// One problem found in a Zengin file, in Japanese for the clerk. <see cref="Message"/> names the file,
/// the record (1-based, counting every record read, line breaks not counted) and the field, for example
/// 「result.txt: 5件目（データ・レコード）の振替金額: 数字ではありません」. A reason never repeats the
/// value of a name, account or customer number field.
/// <para>
/// <see cref="IsStructural"/> is true when the file as a whole is in doubt — a header, trailer or end
/// record that is missing, misplaced or unreadable, an unknown data kind, trailer totals that do not
/// match the data records — so the importer refuses the file or applies it only with a warning. An error
/// with <see cref="IsStructural"/> false concerns one data record only: the importer quarantines that
/// record and applies the others.
/// </para>
/// </summary>
/// <param name="FileName">The file's name as given to the reader.</param>
/// <param name="RecordNo">1-based record number; 0 for a problem of the whole file (a record missing).</param>
/// <param name="RecordKind">The kind of the record at fault; null when <paramref name="RecordNo"/> is 0.</param>
/// <param name="Field">The field's Japanese name (as in <see cref="ZenginLayout"/>); "" for the record as a whole.</param>
/// <param name="Reason">What is wrong, in Japanese.</param>
/// <param name="IsStructural">See above.</param>
public sealed record ZenginError(
    string FileName,
    int RecordNo,
    ZenginRecordKind? RecordKind,
    string Field,
    string Reason,
    bool IsStructural)
{
    /// <summary>The whole sentence: file, record, field and reason.</summary>
    public string Message
    {
        get
        {
            if (RecordNo <= 0)
            {
                return $"{FileName}: {Reason}";
            }

            var where = $"{FileName}: {RecordNo}件目（{(RecordKind ?? ZenginRecordKind.Unknown).ToDisplayName()}）";
            return Field.Length == 0 ? $"{where}: {Reason}" : $"{where}の{Field}: {Reason}";
        }
    }

    public override string ToString() => Message;
}
