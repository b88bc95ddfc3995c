namespace Choshu.Formats.Csv;

/// <summary>
/// Why one field of a record cannot be taken: <see cref="Field"/> is the column's header name
/// ("" when the whole record is at fault), <see cref="Reason"/> a sentence in Japanese for the clerk.
/// A reason never repeats the field's value, so it can never leak a My Number.
/// </summary>
public sealed record FieldError(string Field, string Reason)
{
    public override string ToString() => Field.Length == 0 ? Reason : $"{Field}: {Reason}";
}
