namespace Choshu.Formats.Csv;

/// <summary>
/// A column of a CSV layout, found by its header name. A <paramref name="Required"/> column must be
/// in the header or the whole file is refused; whether its value may be empty is the layout's rule.
/// </summary>
public sealed record CsvColumn(string Name, bool Required);
