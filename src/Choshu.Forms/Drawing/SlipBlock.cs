using Choshu.Formats.Barcodes;
using Choshu.Formats.Text;

namespace Choshu.Forms.Drawing;

internal sealed partial class Blocks
{
    /// <summary>Module width of the GS1-128 symbol: 0.254 mm (the guideline allows 0.191–0.254 mm at 300+ dpi printers).</summary>
    public const float Gs1Module = 0.254f;

    /// <summary>The text printed in place of the barcode above 300,000 yen.</summary>
    public const string NoStoreBarcodeText = "この納付書はコンビニエンスストアでは使用できません（30万円超）";

    /// <summary>Checks what a slip must hold before anything is drawn.</summary>
    public void CheckSlip(FormSlip s, int number)
    {
        var which = $"納付書{number}枚目";
        if (s.Principal < 0 || s.ReminderFee < 0 || s.LateFee < 0 || s.Amount != s.Principal + s.ReminderFee + s.LateFee || s.Amount <= 0)
        {
            throw new FormException(
                "form.slip_amount",
                $"発行番号 {Doc}: {which}の合計金額が本税・督促手数料・延滞金の合計と一致しないか、0円以下です。");
        }

        if (!IsDigits(s.MatchKey, 20) || !IsDigits(s.ElNumber, 20))
        {
            throw new FormException("form.slip_key", $"発行番号 {Doc}: {which}の消込番号・eL番号は20桁の数字でなければなりません。");
        }

        if (s.StoreBarcode is { } digits)
        {
            if (!StoreBarcode.TryParse(digits, out var parsed) || parsed.Amount != s.Amount)
            {
                throw new FormException(
                    "form.slip_barcode",
                    $"発行番号 {Doc}: {which}のコンビニ収納バーコードが44桁の正しい値でないか、金額が納付書の合計金額と一致しません。");
            }
        }
        else if (s.Amount <= StoreBarcode.MaxBarcodeAmount)
        {
            // Allowed (a city without a store contract), printed as "no barcode" only above the limit.
        }

        if (s.QrPayload is { Length: > 600 })
        {
            throw new FormException("form.slip_qr", $"発行番号 {Doc}: {which}のeL-QRの内容が長すぎます（600文字まで）。");
        }
    }

    private static bool IsDigits(string? s, int length) => s is not null && s.Length == length && s.All(char.IsAsciiDigit);

    /// <summary>
    /// The 納付書 in the rectangle (x, y, w, h): wide arrangement (w ≥ 150 mm: details left, keys and QR right,
    /// barcode bottom left) or tall (details, keys and QR, barcode, top to bottom).
    /// </summary>
    public void Slip(FormSlip s, int number, float x, float y, float w, float h)
    {
        CheckSlip(s, number);
        var which = $"納付書{number}枚目";
        var wide = w >= 150;
        var scale = wide ? 1f : 0.85f;
        p.Box(x, y, w, h, 0.8f);

        // Header strip.
        var headH = 9f * scale;
        p.Fill(x, y, w, headH, LabelFill);
        p.Line(x, y + headH, x + w, y + headH, 0.5f);
        p.Text("納付書", x + 3, y + headH * 0.72f, 13 * scale);
        var city = $"{letter.Sender.CityName}　{JapaneseDate.FiscalYear(s.FiscalYear)}";
        p.Text(city, x + 3 + p.Width("納付書", 13 * scale) + 3, y + headH * 0.72f, 8.5f * scale);
        var deadline = $"納期限（支払期限）{JapaneseDate.Wareki(s.Deadline)}";
        if (wide) p.Text(deadline, x + w - 3, y + headH * 0.72f, 10.5f, Align.Right);

        // Details (label cells and values).
        var rowsX = x + 3;
        var rowsW = wide ? 108f : w - 6;
        var labelW = wide ? 22f : 19f;
        var rowH = wide ? 7.4f : 5.6f;
        var ry = y + headH + 2.5f;
        if (!wide)
        {
            p.TextTop(deadline, rowsX, ry - 0.5f, 9.5f * scale);
            ry += 6f;
        }

        var size = 9.5f * scale;
        var payer = s.PayerName + "　様";
        var taxKind = $"{s.TaxKindName}　{JapaneseDate.FiscalYear(s.FiscalYear)}";
        var notice = $"{s.NoticeNo}　第{s.Period}期";
        (string Label, string Value, bool Amount, float Size)[] rows =
        [
            ("納付者", payer, false, Fit(payer, rowsW - labelW - 3, size + 0.5f, 7, $"{which}の納付者名")),
            ("税目・年度", taxKind, false, Fit(taxKind, rowsW - labelW - 3, size, 7, $"{which}の税目")),
            ("通知書番号", notice, false, Fit(notice, rowsW - labelW - 3, size, 7, $"{which}の通知書番号")),
            ("本税", YenText.Yen(s.Principal), true, size),
            ("督促手数料", YenText.Yen(s.ReminderFee), true, size),
            ("延滞金", YenText.Yen(s.LateFee), true, size),
            ("合計金額", YenText.Yen(s.Amount), true, size + 2.5f),
        ];
        foreach (var (label, value, amount, vs) in rows)
        {
            var total = label == "合計金額";
            var hh = total ? rowH + 1.6f : rowH;
            p.Fill(rowsX, ry, labelW, hh, LabelFill);
            p.Box(rowsX, ry, rowsW, hh, total ? 0.7f : 0.3f);
            p.Line(rowsX + labelW, ry, rowsX + labelW, ry + hh, 0.3f);
            var baseline = ry + hh / 2 + Painter.Ascent(vs) / 2 - 0.2f;
            p.Text(label, rowsX + labelW / 2, ry + hh / 2 + Painter.Ascent(7.5f * scale) / 2 - 0.2f, 7.5f * scale, Align.Center);
            if (amount) p.Text(value, rowsX + rowsW - 2, baseline, vs, Align.Right);
            else p.Text(value, rowsX + labelW + 2, baseline, vs);
            ry += hh;
        }

        // Keys and the eL-QR slot.
        var qrSize = wide ? 25f : 22f;
        float keysX, keysY, qrX, qrY;
        if (wide)
        {
            keysX = rowsX + rowsW + 5;
            keysY = y + headH + 3;
            qrX = x + w - 3 - qrSize;
            qrY = y + headH + 5;
        }
        else
        {
            keysX = rowsX;
            keysY = ry + 2.5f;
            qrX = x + w - 3 - qrSize;
            qrY = keysY + 1;
        }

        var ks = 7.5f * scale;
        var ds = wide ? 9f : 8f;
        var klh = Painter.LineHeight(ks, 1.3f);
        var dlh = Painter.LineHeight(ds, 1.45f);
        p.TextTop("消込番号", keysX, keysY, ks, Align.Left, Gray);
        p.TextTop(Group(s.MatchKey), keysX, keysY + klh, ds);
        p.TextTop("eL番号", keysX, keysY + klh + dlh + 1, ks, Align.Left, Gray);
        p.TextTop(Group(s.ElNumber), keysX, keysY + 2 * klh + dlh + 1, ds);
        var keysBottom = keysY + 2 * klh + 2 * dlh + 2;

        p.TextTop("eL-QR", qrX + qrSize / 2, qrY - 0.2f - Painter.LineHeight(6.5f, 1.1f), 6.5f, Align.Center, Gray);
        if (s.QrPayload is { } qr)
        {
            Symbols.DrawQr(p, qr, qrX + 1.5f, qrY + 1.5f, qrSize - 3);
        }
        else
        {
            p.Box(qrX, qrY, qrSize, qrSize, 0.4f, Gray, Dashed);
            p.Text("（QRコードなし）", qrX + qrSize / 2, qrY + qrSize / 2 + 1, 6.5f, Align.Center, Gray);
        }

        // The convenience-store barcode, or why there is none.
        float bx, by;
        if (wide)
        {
            bx = keysX;
            by = Math.Max(keysBottom + 2, qrY + qrSize + 6);
        }
        else
        {
            bx = x + 4;
            by = Math.Max(keysBottom, qrY + qrSize) + 3;
        }

        var barH = wide ? 13f : 10f;
        var available = x + w - 3 - bx;
        if (s.StoreBarcode is { } digits)
        {
            var modules = Symbols.Gs1128(digits).Length; // the symbol's width decides the module size
            var module = Math.Min(Gs1Module, available / modules);
            if (module < 0.19f)
            {
                throw new FormException("form.does_not_fit", $"発行番号 {Doc}: {which}のバーコードが欄の幅に収まりません。");
            }

            // The guideline wants a quiet zone of 10 modules either side: kept by the margins around it.
            var drawn = Symbols.DrawGs1128(p, digits, bx, by, module, barH);
            var hri = $"({digits[..2]}){digits[2..]}";
            var hs = Fit(hri, Math.Max(drawn, available), 7, 5, $"{which}のバーコードの数字");
            p.TextTop(hri, bx + drawn / 2, by + barH + 0.6f, hs, Align.Center);
            by += barH + 0.6f + Painter.LineHeight(7, 1.2f);
        }
        else
        {
            var ns = Fit(NoStoreBarcodeText, available, 8.5f * scale, 6, $"{which}の注意書き");
            p.Box(bx, by, available, 8, 0.4f);
            p.Text(NoStoreBarcodeText, bx + available / 2, by + 4 + Painter.Ascent(ns) / 2 - 0.2f, ns, Align.Center);
            by += 8;
        }

        if (by > y + h - 1)
        {
            throw new FormException("form.does_not_fit", $"発行番号 {Doc}: {which}の内容が納付書の枠に収まりません。");
        }

        if (wide)
        {
            // Where it can be paid, and the bank's receipt stamp (領収日付印).
            var notes = p.Wrap(
                s.StoreBarcode is null
                    ? "この納付書で、金融機関の窓口のほか、eL番号・eL-QRによりスマートフォン決済アプリや地方税お支払サイトで納付できます。"
                    : "この納付書で、金融機関の窓口、バーコードによりコンビニエンスストア、eL番号・eL-QRによりスマートフォン決済アプリや地方税お支払サイトで納付できます。",
                7, rowsW);
            var ny = Math.Max(ry, by) + 2.5f;
            foreach (var line in notes)
            {
                p.TextTop(line, rowsX, ny, 7, Align.Left, Gray);
                ny += Painter.LineHeight(7, 1.4f);
            }

            var stampW = 26f;
            var stampH = Math.Min(18f, y + h - 5 - (by + 1));
            if (stampH >= 10)
            {
                p.Box(x + w - 3 - stampW, y + h - 5 - stampH, stampW, stampH, 0.4f, Gray, Dotted);
                p.TextTop("領収日付印", x + w - 3 - stampW / 2, y + h - 5 - stampH + 1, 6.5f, Align.Center, Gray);
            }
        }

        var contact = $"{letter.Sender.CityName} {letter.Sender.Department}";
        p.Text(contact, wide ? x + 3 : x + w - 3, y + h - 2, 6.5f, wide ? Align.Left : Align.Right, Gray);
    }

    private static string Group(string digits20) =>
        digits20.Length == 20 ? $"{digits20[..4]} {digits20[4..8]} {digits20[8..12]} {digits20[12..16]} {digits20[16..]}" : digits20;
}
