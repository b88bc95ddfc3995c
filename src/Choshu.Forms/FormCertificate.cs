namespace Choshu.Forms;

/// <summary>One row of a certificate's table: one tax kind and fiscal year.</summary>
/// <param name="Note">e.g. 「滞納処分あり」「本日収納分を含む」「コンビニ納付（速報）12,000円 確認中」, printed small under the row.</param>
public sealed record FormCertificateLine(
    string TaxKindName,
    int FiscalYear,
    long Amount,
    long Paid,
    long Unpaid,
    string? Note);

/// <summary>
/// A 納税証明書 (docs/forms.md, 「納税証明書」): A4 portrait, no address window (handed over at the counter). Drawn by
/// <see cref="FormRenderer.RenderCertificates"/>.
/// </summary>
/// <param name="Title">納税証明書 / 納税証明書（完納） / …, printed large.</param>
/// <param name="DocumentNo">発行番号.</param>
/// <param name="VerificationNo">照合番号 as printed (1234-5678-9012-3456).</param>
/// <param name="IssuedOn">Printed in 和暦.</param>
/// <param name="Name">The taxpayer's name (氏名又は名称).</param>
/// <param name="Address">住所又は所在地.</param>
/// <param name="TaxpayerNo">宛名番号.</param>
/// <param name="Purpose">The certificate's subject line (e.g. 「令和5年度〜令和7年度の納税額」 or 「車両番号 鹿児島480あ1234」); null for none.</param>
/// <param name="Lines">The table; empty for a certificate that states only a fact (then <paramref name="Statement"/> says it).</param>
/// <param name="Statement">The 証明 sentence(s): 「上記のとおり相違ないことを証明します。」 and what it covers up to which date.</param>
/// <param name="Footnote">Small print (how to verify the number).</param>
public sealed record FormCertificate(
    string Title,
    string DocumentNo,
    string VerificationNo,
    DateOnly IssuedOn,
    string Name,
    string Address,
    string TaxpayerNo,
    string? Purpose,
    IReadOnlyList<FormCertificateLine> Lines,
    IReadOnlyList<string> Statement,
    FormSender Sender,
    string? Footnote);
