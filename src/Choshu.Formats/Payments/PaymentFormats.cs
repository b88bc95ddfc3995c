using Choshu.Domain;

namespace Choshu.Formats.Payments;

/// <summary>The payment file formats by the name <c>choshu import payments --format</c> takes.</summary>
public static class PaymentFormats
{
    public const string Bank = "bank";
    public const string Store = "store";
    public const string Eltax = "eltax";
    public const string Zengin = "zengin";
    public const string Counter = "counter";

    /// <summary>bank, store, eltax, zengin, counter.</summary>
    public static IReadOnlyList<string> Names { get; } = [Bank, Store, Eltax, Zengin, Counter];

    /// <summary>True when <paramref name="name"/> is one of <see cref="Names"/> (exactly, lower case).</summary>
    public static bool IsKnown(string? name) => name is not null && Names.Contains(name);

    /// <summary>
    /// The reader for <paramref name="name"/>. Throws <see cref="DomainException"/>
    /// "import.format_unknown" for another name, and "import.debit_year_missing" for "zengin" when
    /// <paramref name="options"/> gives neither <see cref="PaymentReaderOptions.DebitYear"/> nor
    /// <see cref="PaymentReaderOptions.DebitOnOrBefore"/>.
    /// </summary>
    public static PaymentFileReader Create(string name, PaymentReaderOptions? options = null)
    {
        options ??= PaymentReaderOptions.Default;
        PaymentFileReader reader = name switch
        {
            Bank => new BankPaymentReader(),
            Store => new StorePaymentReader(),
            Eltax => new EltaxPaymentReader(),
            Counter => new CounterPaymentReader(),
            Zengin => options.DebitYear is { } year ? ZenginPaymentReader.ForYear(year)
                : options.DebitOnOrBefore is { } day ? ZenginPaymentReader.ForDebitOnOrBefore(day)
                : throw new DomainException("import.debit_year_missing", "口座振替結果ファイルの引落日には年がありません。引落年（または取込日）を指定してください。"),
            _ => throw new DomainException("import.format_unknown",
                $"収納データの形式「{name}」には対応していません（{string.Join("・", Names)} のいずれか）。"),
        };
        reader.Limits = options.Limits;
        return reader;
    }
}
