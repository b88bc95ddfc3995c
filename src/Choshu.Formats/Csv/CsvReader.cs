using System.Text;

namespace Choshu.Formats.Csv;

/// <summary>
/// A streaming RFC 4180 reader: fields separated by commas, records by CRLF, LF or a lone CR;
/// a field in double quotes may hold commas, line breaks and doubled quotes (<c>""</c>).
/// Each record reports the physical line it starts on. Lenient where it is safe (a quote inside
/// an unquoted field is taken literally), strict where data could shift (text after a closing
/// quote, a quote never closed): such a record comes back with <see cref="CsvRecord.Error"/> set.
/// A character that could not be decoded (U+FFFD from the decoder) also marks the record.
/// Holds one record in memory at a time.
/// </summary>
public sealed class CsvReader
{
    /// <summary>A record longer than this (in characters) is cut and reported; it usually means an unclosed quote.</summary>
    public const int MaxRecordChars = 1 << 20;

    private readonly TextReader _reader;
    private readonly char[] _buffer = new char[64 * 1024];
    private int _pos;
    private int _len;
    private int _line = 1;

    public CsvReader(TextReader reader)
    {
        ArgumentNullException.ThrowIfNull(reader);
        _reader = reader;
    }

    /// <summary>The records in file order, blank ones included (callers decide whether to skip them).</summary>
    public IEnumerable<CsvRecord> ReadRecords()
    {
        while (ReadRecord() is { } record)
        {
            yield return record;
        }
    }

    private enum State { FieldStart, Unquoted, Quoted, AfterQuote }

    private CsvRecord? ReadRecord()
    {
        if (Peek() < 0) return null;

        var startLine = _line;
        var fields = new List<string>();
        var spans = new List<(int, int)>();
        var field = new StringBuilder();
        var raw = new StringBuilder();
        string? error = null;
        var tooLong = false;
        var fieldStart = 0;
        var state = State.FieldStart;

        void Append(StringBuilder sb, char c)
        {
            if (raw.Length >= MaxRecordChars)
            {
                tooLong = true;
                return;
            }
            sb.Append(c);
        }

        void EndField()
        {
            fields.Add(field.ToString());
            spans.Add((fieldStart, raw.Length - fieldStart));
            field.Clear();
        }

        while (true)
        {
            var next = Read();
            if (next < 0)
            {
                if (state == State.Quoted)
                    error ??= "引用符（\"）が閉じられていません。";
                EndField();
                break;
            }

            var c = (char)next;
            if (c is '\r' or '\n')
            {
                var crlf = c == '\r' && Peek() == '\n';
                if (crlf) Read();
                _line++;
                if (state == State.Quoted)
                {
                    // A line break inside quotes belongs to the field, kept as in the file (CRLF stays CRLF).
                    Append(field, c);
                    Append(raw, c);
                    if (crlf)
                    {
                        Append(field, '\n');
                        Append(raw, '\n');
                    }
                    continue;
                }
                EndField();
                break;
            }

            switch (state)
            {
                case State.FieldStart:
                    if (c == ',')
                    {
                        EndField();
                        Append(raw, c);
                        fieldStart = raw.Length;
                        continue;
                    }
                    state = c == '"' ? State.Quoted : State.Unquoted;
                    if (c != '"') Append(field, c);
                    Append(raw, c);
                    break;

                case State.Unquoted:
                    if (c == ',')
                    {
                        EndField();
                        Append(raw, c);
                        fieldStart = raw.Length;
                        state = State.FieldStart;
                        continue;
                    }
                    Append(field, c);
                    Append(raw, c);
                    break;

                case State.Quoted:
                    if (c == '"')
                    {
                        if (Peek() == '"')
                        {
                            Read();
                            Append(field, '"');
                            Append(raw, '"');
                        }
                        else
                        {
                            state = State.AfterQuote;
                        }
                    }
                    else
                    {
                        Append(field, c);
                    }
                    Append(raw, c);
                    break;

                case State.AfterQuote:
                    if (c == ',')
                    {
                        EndField();
                        Append(raw, c);
                        fieldStart = raw.Length;
                        state = State.FieldStart;
                        continue;
                    }
                    error ??= "引用符（\"）で囲まれた項目の後に余分な文字があります。";
                    Append(field, c);
                    Append(raw, c);
                    break;
            }
        }

        var rawText = raw.ToString();
        if (tooLong)
            error = $"1件のデータが長すぎます（{MaxRecordChars:#,0}文字超）。引用符の閉じ忘れの可能性があります。";
        else if (error is null && rawText.Contains('\uFFFD'))
            error = "文字コードとして読めない文字があります（文字コードの指定を確認してください）。";

        return new CsvRecord(startLine, fields, rawText, spans.ToArray(), error);
    }

    private int Peek()
    {
        if (_pos < _len) return _buffer[_pos];
        _len = _reader.Read(_buffer, 0, _buffer.Length);
        _pos = 0;
        return _len <= 0 ? -1 : _buffer[0];
    }

    private int Read()
    {
        var c = Peek();
        if (c >= 0) _pos++;
        return c;
    }
}
