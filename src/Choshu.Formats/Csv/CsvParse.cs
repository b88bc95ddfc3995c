namespace Choshu.Formats.Csv;

/// <summary>The outcome of reading one record: the typed value, or the reasons it could not be read.</summary>
public sealed record CsvParse<T>(T? Value, IReadOnlyList<FieldError> Errors) where T : class
{
    public bool IsValid => Value is not null;

    public static CsvParse<T> Ok(T value) => new(value, []);

    public static CsvParse<T> Failed(IReadOnlyList<FieldError> errors) => new(null, errors);
}
