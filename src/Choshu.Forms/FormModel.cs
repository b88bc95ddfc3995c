namespace Choshu.Forms;

/// <summary>Paper layout of a letter (docs/forms.md shows one sample of each).</summary>
public enum FormLayout
{
    /// <summary>A4 portrait for a window envelope (長3): address block top left, body, claims table,
    /// the first tear-off slip in the bottom third; more content and slips continue on further pages.</summary>
    A4Letter = 1,

    /// <summary>圧着はがき, V-fold: two pages of 200 × 148 mm (the opened card; each half a 100 × 148 mm
    /// postcard face). Page 1 outside: back face (left) and address face (right); page 2 inside: body and
    /// table (left), slip (right).</summary>
    SealedPostcard = 2,

    /// <summary>A4 三つ折り圧着 (Z-fold): two A4 pages of three 99 mm panels. Page 1 outside: address panel,
    /// notice panel, contact panel; page 2 inside: body, table and 教示, slip.</summary>
    ThreeFold = 3,
}

/// <summary>Who issues the letter.</summary>
/// <param name="CityName">鹿児島市.</param>
/// <param name="Office">鹿児島市長: in whose name it is issued; printed with the seal area (印).</param>
/// <param name="Department">税務部 納税課.</param>
/// <param name="Address">The office's address, or null.</param>
/// <param name="Phone">The office's phone number, or null.</param>
public sealed record FormSender(
    string CityName,
    string Office,
    string Department,
    string? Address,
    string? Phone);

/// <summary>Whom the letter goes to.</summary>
/// <param name="PostalCode">7 digits without hyphen, or null when unknown (then no customer barcode).</param>
/// <param name="AddressLines">1–3 lines: 町名, 番地, 方書.</param>
/// <param name="Name">Printed with <paramref name="Honorific"/>.</param>
/// <param name="Attention">e.g. "納税管理人" / "相続人代表者" / "送付先": printed small above the name.</param>
/// <param name="OnBehalfOf">The taxpayer's name when the letter goes to an agent ("○○ 様 分").</param>
/// <param name="TaxpayerNo">宛名番号, printed small; empty for an addressee who is not a taxpayer of the city (a bank, a court, a
/// third-party debtor: the taxpayer concerned is named in the body instead), then no 宛名番号 is printed.</param>
/// <param name="Honorific">様 for a person; 御中 for an organisation (a bank, a company, a court, a tax office).</param>
public sealed record FormRecipient(
    string? PostalCode,
    IReadOnlyList<string> AddressLines,
    string Name,
    string? Attention,
    string? OnBehalfOf,
    string TaxpayerNo,
    string Honorific = "様")
{
    /// <summary>The name as printed: 氏名　様 or 名称　御中.</summary>
    public string Addressed => $"{Name}　{Honorific}";

    /// <summary>Whether a 宛名番号 is printed under the name.</summary>
    public bool HasTaxpayerNo => !string.IsNullOrWhiteSpace(TaxpayerNo);
}

/// <summary>One row of the claims table.</summary>
/// <param name="LateFee">Late fee to the slip's deadline.</param>
/// <param name="Note">e.g. "督促状発付 令和8年5月20日", printed small under the row.</param>
public sealed record FormClaimLine(
    string TaxKindName,
    int FiscalYear,
    string NoticeNo,
    short Period,
    DateOnly DueDate,
    long Principal,
    long ReminderFee,
    long LateFee,
    string? Note);

/// <summary>One tear-off payment slip (納付書), one per installment.</summary>
/// <param name="Amount">Principal + ReminderFee + LateFee (checked).</param>
/// <param name="StoreBarcode">The 44 digits of StoreBarcode.Encode(); null above 300,000 yen.</param>
/// <param name="QrPayload">Text for the eL-QR slot (IElQrPayload); null leaves the slot empty.</param>
public sealed record FormSlip(
    string PayerName,
    string TaxKindName,
    int FiscalYear,
    string NoticeNo,
    short Period,
    long Principal,
    long ReminderFee,
    long LateFee,
    long Amount,
    DateOnly Deadline,
    string MatchKey,
    string ElNumber,
    string? StoreBarcode,
    string? QrPayload);

/// <summary>One letter: everything printed, already filled in.</summary>
/// <param name="Title">督促状 / 催告書 / 差押予告書 / 口座振替不能通知書 / 口座振替済通知書 / 納付書.</param>
/// <param name="DocumentNo">発行番号, printed top right.</param>
/// <param name="IssuedOn">Printed in 和暦.</param>
/// <param name="Body">Paragraphs.</param>
/// <param name="Claims">The table (may be empty); the totals row is computed by the renderer.</param>
/// <param name="Slips">0..n slips: the first on page 1 where the layout has room, the rest on extra pages.</param>
/// <param name="AppealNotice">教示 paragraphs, printed boxed; empty = none.</param>
/// <param name="Footnote">Small print.</param>
public sealed record FormLetter(
    FormLayout Layout,
    string Title,
    string DocumentNo,
    DateOnly IssuedOn,
    FormRecipient Recipient,
    FormSender Sender,
    IReadOnlyList<string> Body,
    IReadOnlyList<FormClaimLine> Claims,
    IReadOnlyList<FormSlip> Slips,
    IReadOnlyList<string> AppealNotice,
    string? Footnote);
