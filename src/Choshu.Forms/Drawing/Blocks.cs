using System.Globalization;
using Choshu.Formats.Barcodes;
using Choshu.Formats.Text;
using SkiaSharp;

namespace Choshu.Forms.Drawing;

/// <summary>Type sizes of one layout, in points.</summary>
internal sealed record TypeSizes(float Body, float Table, float TableHeader, float Appeal, float Footnote, bool CompactTable);

/// <summary>
/// The blocks every layout is made of: address, sender with seal area, header, running content
/// (body, claims table, 教示, footnote) and the slip. Each checks that its fields fit and throws a
/// <see cref="FormException"/> naming the document number and the field otherwise; while measuring
/// (no canvas) the same code runs, so a letter is refused before anything is written.
/// </summary>
internal sealed partial class Blocks(Painter p, FormLetter letter)
{
    public static readonly SKColor Gray = new(0x70, 0x70, 0x70);
    public static readonly SKColor LabelFill = new(0xEE, 0xEE, 0xEE);
    public static readonly SKColor SealGray = new(0xB0, 0xB0, 0xB0);
    public static readonly float[] Dashed = [1.6f, 1.0f];
    public static readonly float[] Dotted = [0.5f, 0.7f];

    private string Doc => letter.DocumentNo;

    public FormException TooLong(string field) => new(
        "form.field_too_long", $"発行番号 {Doc}: {field}が欄に収まりません。文字数を減らすか、欄に収まる表記にしてください。");

    /// <summary>The largest size from <paramref name="sizePt"/> down to <paramref name="minPt"/> at which the text fits.</summary>
    public float Fit(string text, float widthMm, float sizePt, float minPt, string field)
    {
        if (!p.CanPrint(text))
        {
            throw new FormException(
                "form.unprintable_char",
                $"発行番号 {Doc}: {field}に帳票用フォントで印刷できない文字（外字・絵文字など）があります。常用の字体に置き換えてください。");
        }

        for (var s = sizePt; s >= minPt - 0.001f; s -= 0.5f)
        {
            if (p.Width(text, s) <= widthMm) return s;
        }

        throw TooLong(field);
    }

    // ---------------------------------------------------------------- recipient

    /// <summary>
    /// The address block: postal code, 1–3 address lines, attention, name with 様, on-behalf-of, 宛名番号 and,
    /// when the postal code is known, the customer barcode under it. Returns the height used.
    /// </summary>
    public float Address(float x, float y, float w, float h, float scale = 1f)
    {
        var r = letter.Recipient;
        var top = y;
        if (r.PostalCode is { } pc)
        {
            p.TextTop($"〒{pc[..3]}-{pc[3..]}", x, y, 11 * scale);
            y += Painter.LineHeight(11 * scale, 1.35f);
        }

        for (var i = 0; i < r.AddressLines.Count; i++)
        {
            var size = Fit(r.AddressLines[i], w, 11 * scale, 8.5f * scale, $"宛先の住所（{i + 1}行目）");
            p.TextTop(r.AddressLines[i], x + 2, y, size);
            y += Painter.LineHeight(11 * scale, 1.3f);
        }

        y += 1.2f * scale;
        if (!string.IsNullOrWhiteSpace(r.Attention))
        {
            var size = Fit(r.Attention, w - 4, 8 * scale, 7 * scale, "宛名の肩書き（納税管理人など）");
            p.TextTop(r.Attention, x + 4, y, size);
            y += Painter.LineHeight(8 * scale, 1.3f);
        }

        var name = r.Addressed;
        var nameSize = Fit(name, w - 4, 14 * scale, 10 * scale, "宛名（氏名）");
        p.TextTop(name, x + 4, y, nameSize);
        y += Painter.LineHeight(14 * scale, 1.3f);
        if (!string.IsNullOrWhiteSpace(r.OnBehalfOf))
        {
            var text = $"（{r.OnBehalfOf} 様 分）";
            var size = Fit(text, w - 4, 9 * scale, 7 * scale, "宛名の「様分」（納税義務者の氏名）");
            p.TextTop(text, x + 4, y, size);
            y += Painter.LineHeight(9 * scale, 1.3f);
        }

        if (r.HasTaxpayerNo)
        {
            var no = $"宛名番号 {r.TaxpayerNo}";
            p.TextTop(no, x + 4, y, Fit(no, w - 4, 7.5f * scale, 6.5f * scale, "宛名番号"));
            y += Painter.LineHeight(7.5f * scale, 1.4f);
        }

        if (r.PostalCode is { } postal)
        {
            y += 1f;
            var symbol = CustomerBarcode.Encode(postal, string.Join("", r.AddressLines));
            Symbols.DrawCustomerBarcode(p, symbol, x + 1, y);
            y += Symbols.CustomerLongBar + 1;
        }

        if (y - top > h + 0.01f)
        {
            throw new FormException(
                "form.does_not_fit",
                $"発行番号 {Doc}: 宛名欄（郵便番号・住所・氏名・バーコード）が窓の大きさに収まりません。住所を短くするか、肩書き・様分の行を減らしてください。");
        }

        return y - top;
    }

    // ---------------------------------------------------------------- sender

    /// <summary>The issuing office with the seal area (印) right of it, then department, address, phone.</summary>
    public void Sender(float x, float y, float w, float scale = 1f, bool seal = true)
    {
        var s = letter.Sender;
        var sealSize = seal ? 15f * scale : 0;
        var textW = w - sealSize - 2;
        var officeSize = Fit(s.Office, textW, 12 * scale, 9 * scale, "発行者（市長名）");
        p.TextTop(s.Office, x, y + 1.5f * scale, officeSize);
        if (seal)
        {
            var sx = x + w - sealSize;
            p.Box(sx, y - 2 * scale, sealSize, sealSize, 0.4f, SealGray, Dotted);
            p.Text("印", sx + sealSize / 2, y - 2 * scale + sealSize / 2 + Painter.Ascent(14 * scale) / 2 - 0.3f, 14 * scale, Align.Center, SealGray);
        }

        var ly = y + Painter.LineHeight(12 * scale, 1.6f);
        foreach (var line in new[] { s.Department, s.Address, s.Phone is null ? null : "電話 " + s.Phone })
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            foreach (var part in WrapInTwo(line, textW, 6.5f * scale))
            {
                var size = Fit(part, textW, 8.5f * scale, 6.5f * scale, "発行者の部署・住所・電話");
                p.TextTop(part, x, ly, size);
                ly += Painter.LineHeight(8.5f * scale, 1.35f);
            }
        }
    }

    /// <summary>
    /// A line that does not fit <paramref name="widthMm"/> even at <paramref name="minPt"/> split in two: at the space nearest its
    /// middle (「〒892-8677 鹿児島県…」 breaks after the postal code), else at the middle. A part still too long is refused by the caller's Fit.
    /// </summary>
    public IEnumerable<string> WrapInTwo(string line, float widthMm, float minPt)
    {
        if (!p.CanPrint(line) || p.Width(line, minPt) <= widthMm) return [line];
        var mid = line.Length / 2;
        var cut = -1;
        for (var d = 0; d < line.Length / 2 && cut < 0; d++)
        {
            if (mid + d < line.Length && line[mid + d] is ' ' or '　') cut = mid + d;
            else if (mid - d > 0 && line[mid - d] is ' ' or '　') cut = mid - d;
        }
        return cut > 0 ? [line[..cut].TrimEnd(), line[(cut + 1)..].TrimStart()] : [line[..mid], line[mid..]];
    }

    /// <summary>発行番号 and the 和暦 issue date, right-aligned at <paramref name="right"/>.</summary>
    public void DocumentHeader(float right, float y, float scale = 1f)
    {
        if (string.IsNullOrWhiteSpace(letter.DocumentNo) || letter.DocumentNo.Length > 30)
        {
            throw new FormException("form.field_missing", "発行番号がないか、30文字を超えています。");
        }

        p.TextTop($"発行番号 {letter.DocumentNo}", right, y, 9 * scale, Align.Right);
        p.TextTop(JapaneseDate.Wareki(letter.IssuedOn), right, y + Painter.LineHeight(9 * scale, 1.5f), 10 * scale, Align.Right);
    }

    /// <summary>The title, large and centred.</summary>
    public void Title(float centerX, float y, float w, float sizePt)
    {
        if (string.IsNullOrWhiteSpace(letter.Title)) throw new FormException("form.field_missing", $"発行番号 {Doc}: 帳票の表題がありません。");
        var size = Fit(letter.Title, w, sizePt, sizePt * 0.6f, "表題");
        p.TextTop(letter.Title, centerX, y, size, Align.Center);
    }

    // ---------------------------------------------------------------- running content

    /// <summary>Body paragraphs, claims table with totals, boxed 教示 and footnote as flow items of width <paramref name="w"/>.</summary>
    public List<FlowItem> Content(float w, TypeSizes t)
    {
        var items = new List<FlowItem>();
        var bodyLh = Painter.LineHeight(t.Body, t.CompactTable ? 1.5f : 1.6f);
        foreach (var paragraph in letter.Body)
        {
            var indent = p.Width("　", t.Body);
            var lines = p.Wrap(paragraph, t.Body, w, indent);
            for (var i = 0; i < lines.Count; i++)
            {
                var text = lines[i];
                var dx = i == 0 ? indent : 0;
                items.Add(new FlowItem(bodyLh, (pp, x, y) => pp.TextTop(text, x + dx, y + (bodyLh - Painter.LineHeight(t.Body, 1f)) / 2, t.Body)));
            }

            items.Add(FlowItem.Gap(0.8f));
        }

        if (letter.Claims.Count > 0)
        {
            items.Add(FlowItem.Gap(2.5f));
            items.AddRange(t.CompactTable ? CompactTable(w, t) : Table(w, t));
        }

        if (letter.AppealNotice.Count > 0)
        {
            items.Add(FlowItem.Gap(3f));
            items.Add(AppealBox(w, t.Appeal));
        }

        if (!string.IsNullOrWhiteSpace(letter.Footnote))
        {
            items.Add(FlowItem.Gap(2f));
            var lh = Painter.LineHeight(t.Footnote, 1.45f);
            foreach (var line in p.Wrap(letter.Footnote, t.Footnote, w))
            {
                var text = line;
                items.Add(new FlowItem(lh, (pp, x, y) => pp.TextTop(text, x, y, t.Footnote, Align.Left, Gray)));
            }
        }

        return items;
    }

    private static readonly (string Label, float Share, bool Right)[] Columns =
    [
        // 通知書番号 is 13 digits in the assessment files (up to 20 allowed): its column fits 13 at the table size.
        ("税目", 0.17f, false), ("年度", 0.09f, false), ("通知書番号", 0.175f, false), ("期別", 0.05f, false),
        ("納期限", 0.15f, false), ("本税", 0.13f, true), ("督促手数料", 0.115f, true), ("延滞金", 0.12f, true),
    ];

    private IEnumerable<FlowItem> Table(float w, TypeSizes t)
    {
        var widths = Columns.Select(c => c.Share * w).ToArray();
        var xs = new float[widths.Length + 1];
        for (var i = 0; i < widths.Length; i++) xs[i + 1] = xs[i] + widths[i];
        var rowH = Painter.LineHeight(t.Table, 1.85f);
        var headH = Painter.LineHeight(t.TableHeader, 1.9f);
        const float pad = 1.2f;

        void VLines(Painter pp, float x, float y, float h)
        {
            foreach (var cx in xs) pp.Line(x + cx, y, x + cx, y + h, 0.4f);
        }

        var header = new FlowItem(headH, (pp, x, y) =>
        {
            pp.Fill(x, y, w, headH, LabelFill);
            pp.Line(x, y, x + w, y, 0.6f);
            pp.Line(x, y + headH, x + w, y + headH, 0.4f);
            VLines(pp, x, y, headH);
            for (var i = 0; i < Columns.Length; i++)
            {
                pp.Text(Columns[i].Label, x + xs[i] + widths[i] / 2, y + headH / 2 + Painter.Ascent(t.TableHeader) / 2 - 0.2f, t.TableHeader, Align.Center);
            }
        });
        yield return header;

        for (var n = 0; n < letter.Claims.Count; n++)
        {
            var c = letter.Claims[n];
            var row = n + 1;
            string[] cells =
            [
                c.TaxKindName, JapaneseDate.FiscalYear(c.FiscalYear), c.NoticeNo, c.Period.ToString(CultureInfo.InvariantCulture) + "期",
                JapaneseDate.Wareki(c.DueDate), YenText.Yen(c.Principal), YenText.Yen(c.ReminderFee), YenText.Yen(c.LateFee),
            ];
            var sizes = new float[cells.Length];
            string[] fields = ["税目", "年度", "通知書番号", "期別", "納期限", "本税", "督促手数料", "延滞金"];
            for (var i = 0; i < cells.Length; i++)
            {
                sizes[i] = Fit(cells[i], widths[i] - 2 * pad, t.Table, t.Table * 0.75f, $"明細{row}行目の{fields[i]}");
            }

            var note = string.IsNullOrWhiteSpace(c.Note) ? null : c.Note;
            var noteSize = t.Table * 0.8f;
            if (note is not null) Fit(note, w - xs[1] - 2 * pad, noteSize, noteSize * 0.8f, $"明細{row}行目の備考");
            var noteH = note is null ? 0 : Painter.LineHeight(noteSize, 1.5f);
            var h = rowH + noteH;
            yield return new FlowItem(h, (pp, x, y) =>
            {
                VLines(pp, x, y, rowH);
                var baseline = y + rowH / 2 + Painter.Ascent(t.Table) / 2 - 0.2f;
                for (var i = 0; i < cells.Length; i++)
                {
                    if (Columns[i].Right) pp.Text(cells[i], x + xs[i + 1] - pad, baseline, sizes[i], Align.Right);
                    else pp.Text(cells[i], x + xs[i] + pad, baseline, sizes[i]);
                }

                if (note is not null)
                {
                    pp.Line(x, y, x, y + h, 0.4f);
                    pp.Line(x + w, y, x + w, y + h, 0.4f);
                    pp.Line(x + xs[1], y + rowH, x + w, y + rowH, 0.2f, Dotted, Gray);
                    pp.TextTop(note, x + xs[1] + pad, y + rowH + 0.5f, noteSize, Align.Left, Gray);
                }

                pp.Line(x, y + h, x + w, y + h, 0.4f);
            }) { Header = header };
        }

        foreach (var item in Totals(w, xs, widths, rowH, t, pad)) yield return item;
    }

    private IEnumerable<FlowItem> Totals(float w, float[] xs, float[] widths, float rowH, TypeSizes t, float pad)
    {
        var principal = letter.Claims.Sum(c => c.Principal);
        var fee = letter.Claims.Sum(c => c.ReminderFee);
        var late = letter.Claims.Sum(c => c.LateFee);
        string[] sums = [YenText.Yen(principal), YenText.Yen(fee), YenText.Yen(late)];
        var sizes = sums.Select((s, i) => Fit(s, widths[5 + i] - 2 * pad, t.Table, t.Table * 0.7f, "合計欄の金額")).ToArray();
        yield return new FlowItem(rowH, (pp, x, y) =>
        {
            pp.Fill(x, y, w, rowH, LabelFill);
            pp.Line(x, y, x, y + rowH, 0.4f);
            for (var i = 5; i < xs.Length; i++) pp.Line(x + xs[i], y, x + xs[i], y + rowH, 0.4f);
            var baseline = y + rowH / 2 + Painter.Ascent(t.Table) / 2 - 0.2f;
            pp.Text("合計", x + xs[5] / 2, baseline, t.TableHeader, Align.Center);
            for (var i = 0; i < 3; i++) pp.Text(sums[i], x + xs[6 + i] - pad, baseline, sizes[i], Align.Right);
            pp.Line(x, y + rowH, x + w, y + rowH, 0.6f);
        });
        var total = $"合計金額（本税＋督促手数料＋延滞金）　{YenText.Yen(principal + fee + late)}";
        var totalSize = Fit(total, w, t.Body + 1, t.Body * 0.8f, "合計金額");
        var th = Painter.LineHeight(t.Body + 1, 1.9f);
        yield return new FlowItem(th, (pp, x, y) => pp.Text(total, x + w, y + th * 0.72f, totalSize, Align.Right));
    }

    private IEnumerable<FlowItem> CompactTable(float w, TypeSizes t)
    {
        // Small panels: one line per installment (区分 / 納期限 / 金額) and its breakdown under it.
        float[] widths = [w * 0.5f, w * 0.25f, w * 0.25f];
        float[] xs = [0, widths[0], widths[0] + widths[1], w];
        var rowH = Painter.LineHeight(t.Table, 1.8f);
        var subSize = t.Table * 0.85f;
        var subH = Painter.LineHeight(subSize, 1.5f);
        const float pad = 1f;
        var header = new FlowItem(rowH, (pp, x, y) =>
        {
            pp.Fill(x, y, w, rowH, LabelFill);
            pp.Line(x, y, x + w, y, 0.5f);
            pp.Line(x, y + rowH, x + w, y + rowH, 0.3f);
            var baseline = y + rowH / 2 + Painter.Ascent(t.TableHeader) / 2 - 0.2f;
            string[] labels = ["税目・年度・期別", "納期限", "金額"];
            for (var i = 0; i < 3; i++) pp.Text(labels[i], x + xs[i] + widths[i] / 2, baseline, t.TableHeader, Align.Center);
        });
        yield return header;
        for (var n = 0; n < letter.Claims.Count; n++)
        {
            var c = letter.Claims[n];
            var row = n + 1;
            var kind = $"{c.TaxKindName} {JapaneseDate.FiscalYear(c.FiscalYear)} {c.Period}期";
            var due = JapaneseDate.Wareki(c.DueDate);
            var amount = YenText.Yen(c.Principal + c.ReminderFee + c.LateFee);
            var ks = Fit(kind, widths[0] - 2 * pad, t.Table, t.Table * 0.75f, $"明細{row}行目の税目・年度");
            var ds = Fit(due, widths[1] - 2 * pad, t.Table, t.Table * 0.75f, $"明細{row}行目の納期限");
            var @as = Fit(amount, widths[2] - 2 * pad, t.Table, t.Table * 0.75f, $"明細{row}行目の金額");
            var sub = $"通知書番号 {c.NoticeNo}　本税 {YenText.Yen(c.Principal)}　督促手数料 {YenText.Yen(c.ReminderFee)}　延滞金 {YenText.Yen(c.LateFee)}";
            var ss = Fit(sub, w - 2 * pad, subSize, subSize * 0.8f, $"明細{row}行目の内訳");
            var note = string.IsNullOrWhiteSpace(c.Note) ? null : c.Note;
            if (note is not null) Fit(note, w - 2 * pad, subSize, subSize * 0.8f, $"明細{row}行目の備考");
            var h = rowH + subH * (note is null ? 1 : 2);
            yield return new FlowItem(h, (pp, x, y) =>
            {
                var baseline = y + rowH / 2 + Painter.Ascent(t.Table) / 2 - 0.2f;
                pp.Text(kind, x + pad, baseline, ks);
                pp.Text(due, x + xs[2] - pad, baseline, ds, Align.Right);
                pp.Text(amount, x + w - pad, baseline, @as, Align.Right);
                pp.TextTop(sub, x + pad, y + rowH, ss, Align.Left, Gray);
                if (note is not null) pp.TextTop(note, x + pad, y + rowH + subH, ss, Align.Left, Gray);
                pp.Line(x, y + h, x + w, y + h, 0.3f);
            }) { Header = header };
        }

        var principal = letter.Claims.Sum(c => c.Principal);
        var fee = letter.Claims.Sum(c => c.ReminderFee);
        var late = letter.Claims.Sum(c => c.LateFee);
        var line1 = $"本税 {YenText.Yen(principal)}　督促手数料 {YenText.Yen(fee)}　延滞金 {YenText.Yen(late)}";
        var total = $"合計金額　{YenText.Yen(principal + fee + late)}";
        var s1 = Fit(line1, w, subSize, subSize * 0.8f, "合計欄の内訳");
        var s2 = Fit(total, w, t.Body + 1, t.Body * 0.8f, "合計金額");
        var h2 = subH + Painter.LineHeight(t.Body + 1, 1.6f);
        yield return new FlowItem(h2, (pp, x, y) =>
        {
            pp.TextTop(line1, x + w, y + 0.5f, s1, Align.Right);
            pp.TextTop(total, x + w, y + subH + 0.3f, s2, Align.Right);
        });
    }

    private FlowItem AppealBox(float w, float size)
    {
        const float pad = 2f;
        var lh = Painter.LineHeight(size, 1.5f);
        var indent = p.Width("　", size);
        var lines = new List<(string Text, float Dx)>();
        foreach (var paragraph in letter.AppealNotice)
        {
            var wrapped = p.Wrap(paragraph, size, w - 2 * pad, indent);
            lines.AddRange(wrapped.Select((l, i) => (l, i == 0 ? indent : 0f)));
        }

        var titleH = Painter.LineHeight(size + 1, 1.6f);
        var h = pad + titleH + lines.Count * lh + pad;
        return new FlowItem(h, (pp, x, y) =>
        {
            pp.Box(x, y, w, h, 0.6f);
            pp.TextTop("（教示）", x + pad, y + pad, size + 1);
            var ly = y + pad + titleH;
            foreach (var (text, dx) in lines)
            {
                pp.TextTop(text, x + pad + dx, ly, size);
                ly += lh;
            }
        });
    }

    /// <summary>Draws placed content.</summary>
    public static void DrawPlaced(Painter p, Region region, List<(FlowItem Item, float Y)> placed)
    {
        foreach (var (item, y) in placed) item.Draw(p, region.X, y);
    }

    // ---------------------------------------------------------------- perforation

    /// <summary>A horizontal perforation (dashed) with 「きりとり線」 in a gap in the middle.</summary>
    public void PerforationH(float x1, float x2, float y)
    {
        var mid = (x1 + x2) / 2;
        var label = "きりとり線";
        var half = p.Width(label, 7) / 2 + 2;
        p.Line(x1, y, mid - half, y, 0.5f, Dashed, Gray);
        p.Line(mid + half, y, x2, y, 0.5f, Dashed, Gray);
        p.Text(label, mid, y + Painter.Ascent(7) / 2 - 0.2f, 7, Align.Center, Gray);
    }

    /// <summary>A vertical perforation with the label at its top.</summary>
    public void PerforationV(float x, float y1, float y2)
    {
        p.Line(x, y1 + 6, x, y2, 0.5f, Dashed, Gray);
        p.TextTop("きりとり線", x, y1, 6, Align.Center, Gray);
    }
}
