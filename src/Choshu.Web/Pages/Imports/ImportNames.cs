using Choshu.Formats.Payments;

namespace Choshu.Web.Pages.Imports;

/// <summary>Japanese names of the payment file formats and payment states, as the import pages show them.</summary>
public static class ImportNames
{
    /// <summary><see cref="Choshu.Web.Security.OpaqueIds"/> kind of an import run's handle.</summary>
    public const string RunHandle = "import-run";

    /// <summary>The formats in the order of the form's select: (the <c>--format</c> name, what staff call it).</summary>
    public static readonly IReadOnlyList<(string Name, string Label)> Formats =
    [
        (PaymentFormats.Bank, "指定金融機関 収納データ"),
        (PaymentFormats.Store, "コンビニ収納データ"),
        (PaymentFormats.Zengin, "口座振替結果データ（全銀形式）"),
        (PaymentFormats.Eltax, "地方税共通納税 収納データ"),
        (PaymentFormats.Counter, "窓口収納データ（一括入力）"),
    ];

    public static string Format(string name) => Formats.FirstOrDefault(f => f.Name == name).Label ?? name;

    /// <summary>"bank.csv:3 金額: 1円以上で指定してください。" (the CLI's and the docs' form of a line error).</summary>
    public static string LineError(string file, App.Imports.ImportError e) =>
        e.Field.Length == 0 ? $"{file}:{e.Line} {e.Reason}" : $"{file}:{e.Line} {e.Field}: {e.Reason}";

    /// <summary>The first 12 hex digits of a SHA-256, enough to tell files apart on screen.</summary>
    public static string ShortHash(string sha256) => sha256.Length > 12 ? sha256[..12] : sha256;
}
