using Choshu.Domain;

namespace Choshu.Forms;

/// <summary>
/// A letter cannot be printed as given (a field longer than its box, too many address lines, a slip whose
/// amounts do not add up) or the font is missing. The message is Japanese and names the document number and
/// the field, never the field's content (it may be personal data). <see cref="DomainException.Code"/>:
/// "form.font_missing", "form.field_too_long", "form.field_missing", "form.address_lines",
/// "form.postal_code", "form.slip_amount", "form.slip_barcode", "form.slip_key", "form.does_not_fit",
/// "form.unprintable_char", "form.layout", "form.slip_qr", "form.no_letters". A DomainException, so the CLI and the web show it as any other refusal.
/// </summary>
public sealed class FormException : DomainException
{
    public FormException(string code, string message)
        : base(code, message)
    {
    }
}
