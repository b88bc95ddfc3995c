using Choshu.Forms.Drawing;
using SkiaSharp;

namespace Choshu.Forms;

/// <summary>
/// The one form engine: draws letters (督促状, 催告書, notices, slips) as one PDF with SkiaSharp, the IPAex
/// Gothic font embedded, 和暦 dates, yen with commas, the GS1-128 store barcode (ZXing.Net), the eL-QR
/// (QRCoder) and the postal customer barcode. docs/forms.md describes the layouts and why this library.
/// </summary>
public sealed class FormRenderer
{
    private readonly FormFonts _fonts;

    public FormRenderer(FormFonts fonts)
    {
        ArgumentNullException.ThrowIfNull(fonts);
        _fonts = fonts;
    }

    /// <summary>
    /// Writes all letters into ONE PDF on <paramref name="output"/> (page order = letter order); pages are
    /// streamed to the output as they are drawn. Every letter is laid out and checked first: a field that does
    /// not fit its box, a wrong address or a slip whose amounts do not add up is a <see cref="FormException"/>
    /// naming the document number and the field, thrown before a byte is written. The same letters give the
    /// same bytes on any server (no creation date, no random ID), so a reprint is identical. Reports the number of letters drawn so far to <paramref name="progress"/>.
    /// Returns the page count.
    /// </summary>
    public int Render(IEnumerable<FormLetter> letters, Stream output, IProgress<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(letters);
        ArgumentNullException.ThrowIfNull(output);
        var list = letters as IReadOnlyList<FormLetter> ?? letters.ToList();
        if (list.Count == 0) throw new FormException("form.no_letters", "印刷する帳票がありません。");

        using var painter = new Painter(_fonts.Gothic);
        var pages = Measure(list, painter);

        // No creation or modification date: SkiaSharp writes a date's fields with the server's own UTC
        // offset (and a wrong one east of UTC), so a date would make a reprint differ by server; without
        // one, and with no random document ID (Skia writes /ID only for PDF/A), the same letters give the same bytes.
        var metadata = new SKDocumentPdfMetadata
        {
            Title = list[0].Title,
            Creator = "Choshu",
            Producer = "Choshu.Forms (SkiaSharp)",
            Creation = null,
            Modified = null,
        };
        using (var document = SKDocument.CreatePdf(output, metadata))
        {
            var sink = new PageSink(painter, document);
            var done = 0;
            foreach (var letter in list)
            {
                Layouts.Draw(letter, painter, sink);
                progress?.Report(++done);
            }

            document.Close();
        }

        return pages;
    }

    /// <summary>
    /// Lays every letter out without drawing it: the checks of <see cref="Render"/> (a <see cref="FormException"/> naming the
    /// document number and the field when something does not fit), so a caller can refuse bad letters before it records
    /// them. Returns the page count the letters would take.
    /// </summary>
    public int Check(IEnumerable<FormLetter> letters)
    {
        ArgumentNullException.ThrowIfNull(letters);
        var list = letters as IReadOnlyList<FormLetter> ?? letters.ToList();
        if (list.Count == 0) throw new FormException("form.no_letters", "印刷する帳票がありません。");
        using var painter = new Painter(_fonts.Gothic);
        return Measure(list, painter);
    }

    /// <summary>
    /// Writes certificates (納税証明書, one A4 page each) into ONE PDF, checked first as <see cref="Render"/> does (a field that
    /// does not fit is a <see cref="FormException"/> before a byte is written); no creation date, so the same certificates give
    /// the same bytes. Returns the page count.
    /// </summary>
    public int RenderCertificates(IEnumerable<FormCertificate> certificates, Stream output)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        ArgumentNullException.ThrowIfNull(output);
        var list = certificates as IReadOnlyList<FormCertificate> ?? certificates.ToList();
        if (list.Count == 0) throw new FormException("form.no_letters", "印刷する帳票がありません。");
        using var painter = new Painter(_fonts.Gothic);
        var measure = new PageSink(painter, null);
        foreach (var c in list) CertificateLayout.Draw(c, painter, measure);
        var metadata = new SKDocumentPdfMetadata
        {
            Title = list[0].Title, Creator = "Choshu", Producer = "Choshu.Forms (SkiaSharp)", Creation = null, Modified = null,
        };
        using (var document = SKDocument.CreatePdf(output, metadata))
        {
            var sink = new PageSink(painter, document);
            foreach (var c in list) CertificateLayout.Draw(c, painter, sink);
            document.Close();
        }
        return measure.Pages;
    }

    private static int Measure(IReadOnlyList<FormLetter> list, Painter painter)
    {
        var measure = new PageSink(painter, null);
        foreach (var letter in list)
        {
            ArgumentNullException.ThrowIfNull(letter);
            Layouts.Draw(letter, painter, measure);
        }
        return measure.Pages;
    }
}
