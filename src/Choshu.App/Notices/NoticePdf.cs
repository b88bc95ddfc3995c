using Choshu.Data.Notices;
using Choshu.Forms;

namespace Choshu.App.Notices;

/// <summary>
/// Draws notice letters with the one form engine (<see cref="FormRenderer"/>) from their stored data records: the record's
/// fields map one to one onto the engine's letter; the document number printed is the letter's issued document id. Pulled
/// letters are left out.
/// </summary>
public static class NoticePdf
{
    private static readonly Lazy<FormRenderer> Renderer = new(() => new FormRenderer(FormFonts.Load()));

    public static int Render(IReadOnlyList<(NoticeLetter Letter, NoticeLetterData Data)> letters, Stream output, IProgress<int>? progress = null) =>
        Renderer.Value.Render(letters.Where(l => !l.Letter.Pulled).Select(l => ToForm(l.Letter.DocumentId, l.Data)), output, progress);

    /// <summary>Lays the letters out without drawing them: a letter that cannot be printed is refused (<see cref="FormException"/>) before it is recorded.</summary>
    public static int Check(IEnumerable<(long DocumentId, NoticeLetterData Data)> letters) =>
        Renderer.Value.Check(letters.Select(l => ToForm(l.DocumentId, l.Data)));

    /// <summary>The engine's letter for a stored record.</summary>
    public static FormLetter ToForm(long documentId, NoticeLetterData d)
    {
        var r = d.Recipient;
        return new FormLetter(
            Layout(d.Layout),
            d.Title,
            documentId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            d.IssuedOn,
            new FormRecipient(r.PostalCode, new[] { r.Address1, r.Address2, r.Address3 }.Where(x => !string.IsNullOrWhiteSpace(x)).Select(x => x!).ToList(),
                r.Name, r.Attention, r.OnBehalfOf, r.TaxpayerNo),
            new FormSender(d.Sender.CityName, d.Sender.Office, d.Sender.Department, d.Sender.Address, d.Sender.Phone),
            d.Body.Split('\n'),
            d.Claims.Select(c => new FormClaimLine(c.TaxKindName, c.FiscalYear, c.NoticeNo, c.Period, c.DueDate, c.Principal, c.ReminderFee, c.LateFee, c.Note)).ToList(),
            d.Slips.Select(s => new FormSlip(s.PayerName, s.TaxKindName, s.FiscalYear, s.NoticeNo, s.Period, s.Principal, s.ReminderFee, s.LateFee, s.Amount,
                s.Deadline, s.MatchKey, s.ElNumber, s.StoreBarcode, s.QrPayload)).ToList(),
            string.IsNullOrEmpty(d.AppealNotice) ? [] : d.AppealNotice.Split('\n'),
            d.Footnote);
    }

    /// <summary>The engine's layout for a setting name (a4, postcard, threefold).</summary>
    public static FormLayout Layout(string name) => name switch
    {
        "postcard" => FormLayout.SealedPostcard,
        "threefold" => FormLayout.ThreeFold,
        _ => FormLayout.A4Letter,
    };
}
