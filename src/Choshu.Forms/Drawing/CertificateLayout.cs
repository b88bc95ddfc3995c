using Choshu.Formats.Text;

namespace Choshu.Forms.Drawing;

/// <summary>The 納税証明書 page (A4 portrait). Coordinates in mm from the top left.</summary>
internal static class CertificateLayout
{
    private const float A4W = 210, A4H = 297, Left = 20, Width = 170;

    private static readonly (string Label, float Share, bool Right)[] Columns =
    [
        ("税目", 0.30f, false), ("年度", 0.14f, false), ("税額", 0.19f, true), ("納付済額", 0.19f, true), ("未納額", 0.18f, true),
    ];

    /// <summary>The rows that fit one page.</summary>
    public const int MaxLines = 16;

    public static void Draw(FormCertificate c, Painter p, PageSink sink)
    {
        Check(c, p);
        sink.Begin(A4W, A4H);
        // Top right: 発行番号, 照合番号, issue date.
        p.TextTop($"発行番号 {c.DocumentNo}", Left + Width, 12, 9, Align.Right);
        p.TextTop($"照合番号 {c.VerificationNo}", Left + Width, 17, 9, Align.Right);
        p.TextTop(JapaneseDate.Wareki(c.IssuedOn), Left + Width, 22.5f, 10, Align.Right);

        p.TextTop(c.Title, A4W / 2, 34, Fit(p, c, c.Title, Width, 22, 14, "表題"), Align.Center);

        // Whom it certifies.
        var y = 52f;
        Row(p, c, "住所（所在地）", c.Address, y);
        Row(p, c, "氏名（名称）", c.Name, y + 10);
        Row(p, c, "宛名番号", c.TaxpayerNo, y + 20);
        y += 34;
        if (c.Purpose is { } purpose)
        {
            p.TextTop(purpose, Left, y, Fit(p, c, purpose, Width, 10.5f, 8, "証明事項"));
            y += 8;
        }

        if (c.Lines.Count > 0)
        {
            var x = Left;
            var header = 8f;
            p.Fill(Left, y, Width, header, Blocks.LabelFill);
            foreach (var (label, share, _) in Columns)
            {
                var w = Width * share;
                p.Text(label, x + w / 2, y + 5.5f, 9, Align.Center);
                x += w;
            }
            p.Box(Left, y, Width, header, 0.5f);
            y += header;
            foreach (var line in c.Lines)
            {
                var h = line.Note is null ? 8f : 12f;
                var cells = new[]
                {
                    line.TaxKindName, JapaneseDate.FiscalYear(line.FiscalYear), YenText.Yen(line.Amount), YenText.Yen(line.Paid),
                    line.Unpaid == 0 ? "なし" : YenText.Yen(line.Unpaid),
                };
                x = Left;
                for (var i = 0; i < Columns.Length; i++)
                {
                    var w = Width * Columns[i].Share;
                    var size = Fit(p, c, cells[i], w - 3, 10, 7, "明細（" + Columns[i].Label + "）");
                    if (Columns[i].Right) p.Text(cells[i], x + w - 1.5f, y + 5.6f, size, Align.Right);
                    else p.Text(cells[i], x + 1.5f, y + 5.6f, size);
                    if (i > 0) p.Line(x, y, x, y + h, 0.3f);
                    x += w;
                }
                if (line.Note is { } note) p.Text(note, Left + 1.5f, y + 10f, Fit(p, c, note, Width - 3, 7.5f, 6, "明細の備考"), Align.Left, Blocks.Gray);
                p.Box(Left, y, Width, h, 0.5f);
                y += h;
            }
            // Totals.
            var totals = new[] { "合計", "", YenText.Yen(c.Lines.Sum(l => l.Amount)), YenText.Yen(c.Lines.Sum(l => l.Paid)), YenText.Yen(c.Lines.Sum(l => l.Unpaid)) };
            x = Left;
            for (var i = 0; i < Columns.Length; i++)
            {
                var w = Width * Columns[i].Share;
                if (Columns[i].Right) p.Text(totals[i], x + w - 1.5f, y + 5.6f, 10, Align.Right);
                else p.Text(totals[i], x + 1.5f, y + 5.6f, 10);
                x += w;
            }
            p.Box(Left, y, Width, 8, 0.8f);
            y += 14;
        }

        foreach (var paragraph in c.Statement)
        {
            var parts = p.Wrap(paragraph, 10.5f, Width, 3.7f);
            for (var i = 0; i < parts.Count; i++)
            {
                p.TextTop(parts[i], Left + (i == 0 ? 3.7f : 0), y, 10.5f);
                y += Painter.LineHeight(10.5f);
            }
            y += 1.5f;
        }
        if (y > 228) throw new FormException("form.does_not_fit", $"発行番号 {c.DocumentNo}: 証明書の明細と証明文が1ページに収まりません。年度を分けて発行してください。");

        // The issuing office with the seal area, bottom right.
        var letter = new FormLetter(FormLayout.A4Letter, c.Title, c.DocumentNo, c.IssuedOn,
            new FormRecipient(null, ["-"], c.Name, null, null, c.TaxpayerNo), c.Sender, [], [], [], [], null);
        p.TextTop(JapaneseDate.Wareki(c.IssuedOn), Left, 236, 10.5f);
        new Blocks(p, letter).Sender(105, 244, 85, 1.1f);

        if (c.Footnote is { } foot)
        {
            var fy = 280f;
            foreach (var part in p.Wrap(foot, 7, Width))
            {
                p.TextTop(part, Left, fy, 7, Align.Left, Blocks.Gray);
                fy += Painter.LineHeight(7, 1.3f);
            }
        }
        sink.End();
    }

    private static void Row(Painter p, FormCertificate c, string label, string value, float y)
    {
        p.TextTop(label, Left, y + 1, 9, Align.Left, Blocks.Gray);
        p.TextTop(value, Left + 30, y, Fit(p, c, value, Width - 30, 12, 8, label));
        p.Line(Left + 30, y + 6.5f, Left + Width, y + 6.5f, 0.3f, null, Blocks.Gray);
    }

    private static float Fit(Painter p, FormCertificate c, string text, float widthMm, float sizePt, float minPt, string field)
    {
        if (!p.CanPrint(text))
            throw new FormException("form.unprintable_char",
                $"発行番号 {c.DocumentNo}: {field}に帳票用フォントで印刷できない文字（外字・絵文字など）があります。常用の字体に置き換えてください。");
        for (var s = sizePt; s >= minPt - 0.001f; s -= 0.5f)
            if (p.Width(text, s) <= widthMm) return s;
        throw new FormException("form.field_too_long", $"発行番号 {c.DocumentNo}: {field}が欄に収まりません。文字数を減らすか、欄に収まる表記にしてください。");
    }

    private static void Check(FormCertificate c, Painter p)
    {
        if (string.IsNullOrWhiteSpace(c.DocumentNo) || c.DocumentNo.Length > 30)
            throw new FormException("form.field_missing", "発行番号がないか、30文字を超えています。");
        if (string.IsNullOrWhiteSpace(c.Name)) throw new FormException("form.field_missing", $"発行番号 {c.DocumentNo}: 氏名（名称）がありません。");
        if (string.IsNullOrWhiteSpace(c.VerificationNo)) throw new FormException("form.field_missing", $"発行番号 {c.DocumentNo}: 照合番号がありません。");
        if (c.Lines.Count > MaxLines)
            throw new FormException("form.does_not_fit", $"発行番号 {c.DocumentNo}: 証明書の明細が{MaxLines}行を超えています。年度を分けて発行してください。");
        if (string.IsNullOrWhiteSpace(c.Sender?.Office) || string.IsNullOrWhiteSpace(c.Sender.CityName))
            throw new FormException("form.field_missing", $"発行番号 {c.DocumentNo}: 発行者（市名・市長名）がありません。");
        _ = p;
    }
}
