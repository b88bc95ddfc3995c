using SkiaSharp;

namespace Choshu.Forms.Drawing;

/// <summary>Gives pages to a layout: real PDF pages, or nothing but a count while measuring.</summary>
internal sealed class PageSink(Painter painter, SKDocument? document)
{
    public int Pages { get; private set; }

    public void Begin(float widthMm, float heightMm)
    {
        Pages++;
        if (document is null) return;
        var canvas = document.BeginPage(widthMm * Painter.PtPerMm, heightMm * Painter.PtPerMm);
        canvas.Scale(Painter.PtPerMm);
        painter.Canvas = canvas;
    }

    public void End()
    {
        if (document is null) return;
        document.EndPage();
        painter.Canvas = null;
    }
}

/// <summary>The three paper layouts (docs/forms.md). Coordinates in mm from the page's top left.</summary>
internal static class Layouts
{
    private const float A4W = 210, A4H = 297;
    private const float CardW = 200, CardH = 148; // opened V-fold sealed postcard: two 100 x 148 mm faces

    private static readonly TypeSizes A4Sizes = new(Body: 10.5f, Table: 9f, TableHeader: 8f, Appeal: 7.5f, Footnote: 7f, CompactTable: false);
    private static readonly TypeSizes FoldSizes = new(Body: 9.5f, Table: 8.5f, TableHeader: 7.5f, Appeal: 7.5f, Footnote: 7f, CompactTable: false);
    private static readonly TypeSizes CardSizes = new(Body: 7.5f, Table: 7f, TableHeader: 6.5f, Appeal: 6f, Footnote: 5.5f, CompactTable: true);

    public static void Draw(FormLetter letter, Painter p, PageSink sink)
    {
        var b = new Blocks(p, letter);
        CheckRecipient(letter);
        for (var i = 0; i < letter.Slips.Count; i++) b.CheckSlip(letter.Slips[i], i + 1);
        switch (letter.Layout)
        {
            case FormLayout.A4Letter: A4Letter(letter, p, b, sink); break;
            case FormLayout.SealedPostcard: SealedPostcard(letter, p, b, sink); break;
            case FormLayout.ThreeFold: ThreeFold(letter, p, b, sink); break;
            default:
                throw new FormException("form.layout", $"発行番号 {letter.DocumentNo}: 帳票の様式（{(int)letter.Layout}）が正しくありません。");
        }
    }

    private static void CheckRecipient(FormLetter letter)
    {
        var r = letter.Recipient ?? throw new FormException("form.field_missing", $"発行番号 {letter.DocumentNo}: 宛先がありません。");
        if (string.IsNullOrWhiteSpace(r.Name))
            throw new FormException("form.field_missing", $"発行番号 {letter.DocumentNo}: 宛名（氏名）がありません。");
        if (r.AddressLines is null || r.AddressLines.Count is < 1 or > 3 || r.AddressLines.Any(string.IsNullOrWhiteSpace))
            throw new FormException("form.address_lines", $"発行番号 {letter.DocumentNo}: 宛先の住所は1〜3行で、空の行があってはいけません（{r.AddressLines?.Count ?? 0}行です）。");
        if (r.PostalCode is { } pc && (pc.Length != 7 || !pc.All(char.IsAsciiDigit)))
            throw new FormException("form.postal_code", $"発行番号 {letter.DocumentNo}: 郵便番号はハイフンなしの7桁の数字でなければなりません。");
        if (string.IsNullOrWhiteSpace(letter.Sender?.Office) || string.IsNullOrWhiteSpace(letter.Sender.CityName))
            throw new FormException("form.field_missing", $"発行番号 {letter.DocumentNo}: 発行者（市名・市長名）がありません。");
    }

    private static FormException DoesNotFit(FormLetter letter, string where) => new(
        "form.does_not_fit",
        $"発行番号 {letter.DocumentNo}: 本文・明細・教示が{where}に収まりません。本文か明細を減らすか、様式を A4（A4Letter）にしてください。");

    // ------------------------------------------------------------------------------------ A4 letter

    private static void A4Letter(FormLetter letter, Painter p, Blocks b, PageSink sink)
    {
        const float left = 20, width = 170;
        var hasSlip = letter.Slips.Count > 0;
        var items = b.Content(width, A4Sizes);
        var placed = FlowPlacer.Place(
            items,
            i => i == 0 ? new Region(left, 84, hasSlip ? 194 : 283) : new Region(left, 24, 283),
            () => DoesNotFit(letter, "ページ"));

        for (var page = 0; page < placed.Count; page++)
        {
            sink.Begin(A4W, A4H);
            if (page == 0)
            {
                b.DocumentHeader(190, 12);
                b.Address(20, 24, 90, 48);
                b.Sender(120, 38, 70);
                b.Title(A4W / 2, 72.5f, 170, 20);
                Blocks.DrawPlaced(p, new Region(left, 84, 0), placed[0]);
                if (hasSlip)
                {
                    b.PerforationH(0, A4W, 198);
                    b.Slip(letter.Slips[0], 1, 10, 203, 190, 88);
                }
            }
            else
            {
                ContinuationHeader(p, letter, page, 190, 12);
                Blocks.DrawPlaced(p, new Region(left, 24, 0), placed[page]);
            }

            sink.End();
        }

        ExtraSlipPages(letter, b, sink, first: 1, pageW: A4W, pageH: A4H);
    }

    private static void ContinuationHeader(Painter p, FormLetter letter, int page, float right, float y)
    {
        p.TextTop($"{letter.Title}（続き {page + 1}枚目）", 20, y, 9);
        p.TextTop($"発行番号 {letter.DocumentNo}", right, y, 9, Align.Right);
        p.Line(20, y + 6, right, y + 6, 0.4f);
    }

    /// <summary>Slips after the first: three per A4 page (two per opened postcard), with perforations.</summary>
    private static void ExtraSlipPages(FormLetter letter, Blocks b, PageSink sink, int first, float pageW, float pageH)
    {
        var card = pageW == CardW && pageH == CardH;
        var perPage = card ? 2 : 3;
        for (var i = first; i < letter.Slips.Count; i += perPage)
        {
            sink.Begin(pageW, pageH);
            for (var k = 0; k < perPage && i + k < letter.Slips.Count; k++)
            {
                if (card)
                {
                    if (k == 1) b.PerforationV(100, 4, pageH - 4);
                    b.Slip(letter.Slips[i + k], i + k + 1, k * 100 + 4, 6, 92, pageH - 12);
                }
                else
                {
                    if (k > 0) b.PerforationH(0, pageW, k * 99);
                    b.Slip(letter.Slips[i + k], i + k + 1, 10, k * 99 + 5, 190, 88);
                }
            }

            sink.End();
        }
    }

    // ------------------------------------------------------------------------------------ sealed postcard

    private static void SealedPostcard(FormLetter letter, Painter p, Blocks b, PageSink sink)
    {
        var hasSlip = letter.Slips.Count > 0;
        // Inside, left face (or the whole inside when there is no slip): header, title, then the running content.
        var contentW = hasSlip ? 88f : 188f;
        var items = b.Content(contentW, CardSizes);
        var placed = FlowPlacer.Place(items, i => i == 0 ? new Region(6, 38, 144) : null, () => DoesNotFit(letter, "圧着はがきの面"));

        // Page 1: the outside. Left: back face; right: address face.
        sink.Begin(CardW, CardH);
        OutsideNotice(p, letter, 6, 88, 0, CardH);
        const float face = 100;
        p.Box(face + 6, 6, 18, 18, 0.5f);
        p.Text("料金後納", face + 15, 13.5f, 7, Align.Center);
        p.Text("郵便", face + 15, 18.5f, 7, Align.Center);
        p.Box(face + 6, 27, 12, 6, 0.5f);
        p.Text("親展", face + 12, 31.3f, 8, Align.Center);
        b.Address(face + 10, 38, 86, 70, 1.1f);
        SenderSmall(p, b, letter, face + 10, 120, 86);
        sink.End();

        // Page 2: the inside.
        sink.Begin(CardW, CardH);
        var right = 6 + contentW;
        b.DocumentHeader(right, 5, 0.8f);
        b.Title(6 + contentW / 2, 15, contentW, 14);
        var who = letter.Recipient.Addressed;
        p.TextTop(who, 6, 27, b.Fit(who, contentW * 0.55f, 9.5f, 7, "宛名（氏名）"));
        if (letter.Recipient.HasTaxpayerNo) p.TextTop($"宛名番号 {letter.Recipient.TaxpayerNo}", 6, 32.5f, 6.5f, Align.Left, Blocks.Gray);
        b.Sender(6 + contentW * 0.58f, 27, contentW * 0.42f, 0.62f);
        Blocks.DrawPlaced(p, new Region(6, 38, 0), placed[0]);
        if (hasSlip)
        {
            b.PerforationV(100, 2, CardH - 3);
            b.Slip(letter.Slips[0], 1, 104, 6, 92, CardH - 12);
        }

        sink.End();
        ExtraSlipPages(letter, b, sink, first: 1, pageW: CardW, pageH: CardH);
    }

    /// <summary>The outside face that is not the address: what the card is and how to open it (no personal data).</summary>
    private static void OutsideNotice(Painter p, FormLetter letter, float x, float w, float top, float h)
    {
        var cx = x + w / 2;
        p.Box(x + 4, top + 14, w - 8, 16, 1f);
        p.Text("重要なお知らせ", cx, top + 25, 16, Align.Center);
        p.Text($"{letter.Sender.CityName}からの大切なお知らせです。", cx, top + 40, 9, Align.Center);
        var lines = new[]
        {
            "この通知は圧着されています。",
            "端からゆっくりはがしてください。",
            "中面には個人情報が記載されています。",
            "取扱いにご注意ください。",
        };
        var y = top + 52f;
        foreach (var line in lines)
        {
            p.Text(line, cx, y, 8.5f, Align.Center);
            y += 5.5f;
        }

        p.Text("はがす方向 →", cx, y + 5, 9, Align.Center, Blocks.Gray);
        p.Text($"発行番号 {letter.DocumentNo}", x + w, top + h - 6, 7, Align.Right, Blocks.Gray);
    }

    /// <summary>The sender in small print (outside of folded cards): city and department, address, phone.</summary>
    private static void SenderSmall(Painter p, Blocks b, FormLetter letter, float x, float y, float w)
    {
        var s = letter.Sender;
        p.Line(x, y - 2, x + w, y - 2, 0.3f, null, Blocks.Gray);
        var lines = new[] { $"{s.CityName}　{s.Department}", s.Address, s.Phone is null ? null : "電話 " + s.Phone };
        foreach (var line in lines)
        {
            if (string.IsNullOrWhiteSpace(line)) continue;
            foreach (var part in b.WrapInTwo(line, w, 6))
            {
                p.TextTop(part, x, y, b.Fit(part, w, 8, 6, "発行者の部署・住所・電話"));
                y += Painter.LineHeight(8, 1.35f);
            }
        }
    }

    // ------------------------------------------------------------------------------------ three-fold

    private static void ThreeFold(FormLetter letter, Painter p, Blocks b, PageSink sink)
    {
        const float panel = 99;
        var hasSlip = letter.Slips.Count > 0;
        var items = b.Content(180, FoldSizes);
        var placed = FlowPlacer.Place(
            items, i => i == 0 ? new Region(15, 52, hasSlip ? 193 : 288) : null, () => DoesNotFit(letter, "三つ折りの面"));

        // Page 1: the outside. Top panel: address; middle: what it is; bottom: contact.
        sink.Begin(A4W, A4H);
        FoldMarks(p, panel);
        p.Box(170, 8, 20, 20, 0.5f);
        p.Text("料金後納", 180, 16, 7.5f, Align.Center);
        p.Text("郵便", 180, 21.5f, 7.5f, Align.Center);
        p.Box(170, 31, 14, 6.5f, 0.5f);
        p.Text("親展", 177, 35.7f, 8.5f, Align.Center);
        b.Address(20, 20, 95, 60);
        OutsideNotice(p, letter, 55, 100, panel, panel);
        p.TextTop("お問い合わせ先", 20, panel * 2 + 20, 10);
        SenderSmall(p, b, letter, 20, panel * 2 + 30, 170);
        sink.End();

        // Page 2: the inside. Top and middle panels: letter; bottom panel: slip.
        sink.Begin(A4W, A4H);
        FoldMarks(p, panel);
        b.DocumentHeader(195, 8);
        b.Title(A4W / 2, 20, 180, 18);
        var who = letter.Recipient.Addressed;
        p.TextTop(who, 15, 33, b.Fit(who, 95, 12, 9, "宛名（氏名）"));
        if (letter.Recipient.HasTaxpayerNo) p.TextTop($"宛名番号 {letter.Recipient.TaxpayerNo}", 15, 40, 7.5f, Align.Left, Blocks.Gray);
        b.Sender(125, 31, 70, 0.85f);
        Blocks.DrawPlaced(p, new Region(15, 52, 0), placed[0]);
        if (hasSlip)
        {
            b.PerforationH(0, A4W, panel * 2);
            b.Slip(letter.Slips[0], 1, 10, panel * 2 + 5, 190, 88);
        }

        sink.End();
        ExtraSlipPages(letter, b, sink, first: 1, pageW: A4W, pageH: A4H);
    }

    /// <summary>Short fold marks in the margins at each panel's edge.</summary>
    private static void FoldMarks(Painter p, float panel)
    {
        for (var k = 1; k < 3; k++)
        {
            p.Line(0, k * panel, 5, k * panel, 0.3f, null, Blocks.Gray);
            p.Line(A4W - 5, k * panel, A4W, k * panel, 0.3f, null, Blocks.Gray);
        }
    }
}
