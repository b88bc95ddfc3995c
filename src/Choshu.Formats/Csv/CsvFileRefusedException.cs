using Choshu.Domain;

namespace Choshu.Formats.Csv;

/// <summary>
/// The whole file cannot be imported (no header, a required column missing, a column twice):
/// nothing of it is applied. The message names the file and, where there is one, the column.
/// </summary>
public sealed class CsvFileRefusedException(string code, string message) : DomainException(code, message);
