using Choshu.App.Settings;
using Choshu.Domain.Certificates;
using Choshu.Domain.Labels;
using Choshu.Formats.Text;
using Choshu.Forms;

namespace Choshu.App.Certificates;

/// <summary>Maps a certificate's content onto the form engine's <see cref="FormCertificate"/> (docs/forms.md 「納税証明書」).</summary>
public static class CertificatePdf
{
    private static readonly Lazy<FormRenderer> Renderer = new(() => new FormRenderer(FormFonts.Load()));

    public static int Render(IReadOnlyList<FormCertificate> certificates, Stream output) => Renderer.Value.RenderCertificates(certificates, output);

    /// <summary>The title printed for a kind.</summary>
    public static string Title(CertificateKind kind) => kind switch
    {
        CertificateKind.NoArrears => "納税証明書（完納）",
        CertificateKind.NoEnforcement => "納税証明書（滞納処分を受けたことがないこと）",
        CertificateKind.Vehicle => "軽自動車税（種別割）納税証明書（継続検査用）",
        _ => "納税証明書",
    };

    /// <summary>Why a year is left out, in words (和暦).</summary>
    public static string Omission(OmissionReason reason, int firstYear) => reason == OmissionReason.NoAssessment
        ? "課税がない"
        : $"証明できる期間（{JapaneseDate.FiscalYear(firstYear)}以降。それより前の年度は未納のあるものに限る）の外の";

    /// <summary>The small note under a line: enforcement, money received today, a pending store payment, fees unpaid.</summary>
    public static string? Note(CertificateLine l, DateOnly on)
    {
        var parts = new List<string>();
        if (l.EnforcementTaken) parts.Add("滞納処分あり");
        if (l.PaidToday) parts.Add($"{JapaneseDate.Wareki(on)}収納分を含む");
        if (l.PendingStoreAmount > 0) parts.Add($"コンビニ納付の速報 {YenText.Yen(l.PendingStoreAmount)}（収納確認前のため未納額に含む）");
        if (l.FeesUnpaid > 0) parts.Add($"ほかに督促手数料・延滞金 {YenText.Yen(l.FeesUnpaid)} 未納");
        return parts.Count == 0 ? null : string.Join("　", parts);
    }

    public static FormCertificate ToForm(long documentId, string verificationNo, CertificateContent c, string name, string address, string taxpayerNo, CitySettings city)
    {
        var on = JapaneseDate.Wareki(c.CoversUpTo);
        var statement = new List<string>();
        statement.Add(c.Kind switch
        {
            CertificateKind.NoArrears => $"上記の者について、{on}現在、未納の税額がないことを証明します。",
            CertificateKind.NoEnforcement => $"上記の者について、{JapaneseDate.FiscalYear(c.FirstYear)}以降、滞納処分を受けたことがないことを証明します。",
            CertificateKind.Vehicle => $"上記の車両の軽自動車税（種別割）について、{on}現在、未納の税額がないことを証明します（道路運送車両法による継続検査用）。",
            _ => "上記のとおり相違ないことを証明します。",
        });
        statement.Add($"この証明書は、{on}までに収納を確認した納付によるものです（同日の納付を含む。コンビニエンスストアの速報は確認前のため納付済額に含めていません）。");
        foreach (var o in c.Omitted) statement.Add($"{JapaneseDate.FiscalYear(o.FiscalYear)}は、{Omission(o.Reason, c.FirstYear)}ため記載していません。");
        var years = c.Lines.Select(l => l.FiscalYear).Distinct().Order().ToList();
        var purpose = c.Kind == CertificateKind.Vehicle
            ? $"車両番号　{c.VehicleNo}"
            : $"証明年度　{(years.Count == 1 ? JapaneseDate.FiscalYear(years[0]) : JapaneseDate.FiscalYear(years[0]) + "〜" + JapaneseDate.FiscalYear(years[^1]))}";
        return new FormCertificate(
            Title(c.Kind),
            documentId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            VerificationNumber.Format(verificationNo),
            c.On,
            name,
            address,
            taxpayerNo,
            purpose,
            c.Lines.Select(l => new FormCertificateLine(l.TaxKindName, l.FiscalYear, l.Amount, l.Paid, l.Unpaid, Note(l, c.On))).ToList(),
            statement,
            new FormSender(city.Name, city.Office, city.Department, city.Address, city.Phone),
            $"{JapaneseLabels.Of(c.Kind)}。この証明書の照合番号により、{city.Name}（{city.Department}）で発行の有無と記載内容を確認できます。");
    }
}
