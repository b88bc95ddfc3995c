using Choshu.TestSupport;
using Choshu.Domain.Reconciliation;
using Choshu.Formats.Barcodes;
using SkiaSharp;
using ZXing;

namespace Choshu.Forms.Tests;

/// <summary>One explicit 督促状 rendered once per class and read back with pdftotext, pdftoppm and ZXing.</summary>
public sealed class FormRendererTests(FormRendererTests.Rendered rendered) : IClassFixture<FormRendererTests.Rendered>
{
    private static readonly DateOnly Issued = new(2026, 12, 7);
    private static readonly DateOnly Deadline = new(2026, 12, 21);
    private static readonly string Key = new MatchKey(4321).Value;

    // 12,000 + 100 + 1,234 = 13,334 yen.
    private static readonly string Barcode44 = new StoreBarcode("912345", MatchKey.StoreSchemeDigit + Key, 0, Deadline, false, 13_334).Encode();
    private static readonly string Qr = new ChoshuElQrPayload().Build(new ElQrFields("912345", Key, 13_334, Deadline));

    public sealed class Rendered
    {
        public Rendered()
        {
            Renderer = new FormRenderer(FormFonts.Load());
            using var output = new MemoryStream();
            Pages = Renderer.Render([Letter()], output);
            Pdf = output.ToArray();
        }

        public FormRenderer Renderer { get; }
        public byte[] Pdf { get; }
        public int Pages { get; }
    }

    internal static FormLetter Letter(
        FormLayout layout = FormLayout.A4Letter, string name = "山田　花子", long principal = 12_000, long lateFee = 1_234,
        string? barcode = null, IReadOnlyList<string>? addressLines = null)
    {
        var amount = principal + 100 + lateFee;
        var slip = new FormSlip(
            name, "市民税（普通徴収）", 2026, "260042", 2, principal, 100, lateFee, amount, Deadline, Key, Key,
            amount > StoreBarcode.MaxBarcodeAmount ? null : barcode ?? Barcode44, Qr);
        return new FormLetter(
            layout, "督促状", "12345", Issued,
            new FormRecipient("8920853", addressLines ?? ["鹿児島市城山町3番30号", "城山ハイツ403号"], name, null, null, "100042"),
            new FormSender("鹿児島市", "鹿児島市長", "税務部 納税課", "鹿児島市山下町11番1号", "099-216-1189"),
            ["あなたの下記の市税は、納期限までに納付が確認できませんでした。", "令和8年12月21日までに納付してください。"],
            [new FormClaimLine("市民税（普通徴収）", 2026, "260042", 2, new DateOnly(2026, 9, 30), principal, 100, lateFee, "督促状発付 令和8年12月7日")],
            [slip],
            ["この処分について不服がある場合は、3か月以内に鹿児島市長に対して審査請求をすることができます。"],
            "延滞金は支払期限までに納付された場合の金額です。");
    }

    private static string Flat(string text) => text.Replace('\u3000', ' ');

    [Fact]
    public void Render_ReminderLetter_TextHoldsNameAmountsAndWarekiDates()
    {
        var text = Flat(Poppler.Text(rendered.Pdf));
        Assert.Equal(1, rendered.Pages);
        Assert.Contains("督促状", text, StringComparison.Ordinal);
        Assert.Contains("山田 花子 様", text, StringComparison.Ordinal);
        Assert.Contains("12,000円", text, StringComparison.Ordinal);
        Assert.Contains("1,234円", text, StringComparison.Ordinal);
        Assert.Contains("13,334円", text, StringComparison.Ordinal);
        Assert.Contains("令和8年12月7日", text, StringComparison.Ordinal);     // issue date
        Assert.Contains("令和8年12月21日", text, StringComparison.Ordinal);    // slip deadline
        Assert.Contains("令和8年度", text, StringComparison.Ordinal);
        Assert.Contains("きりとり線", text, StringComparison.Ordinal);
        Assert.Contains("教示", text, StringComparison.Ordinal);
        Assert.DoesNotContain("⽉", text, StringComparison.Ordinal); // the Kangxi radical look-alike of 月
    }

    [Fact]
    public void Render_Slip_StoreBarcodeDecodesToThe44Digits()
    {
        using var page = Poppler.Page(rendered.Pdf, 1, 300);
        // The slip: the bottom third of the A4 page.
        var slip = new SKRectI(0, page.Height * 2 / 3, page.Width, page.Height);
        var results = Poppler.Decode(page, slip, BarcodeFormat.CODE_128);
        var result = Assert.Single(results);
        // "]C1": ZXing's symbology identifier for a Code 128 symbol with FNC1 first, i.e. GS1-128.
        Assert.Equal("]C1" + Barcode44, result.Text);
    }

    [Fact]
    public void Render_AddressBlock_CustomerBarcodeBarsAsEncoded()
    {
        // The A4 address block: bars from 21 mm, pitch 1.2 mm, 0.6 mm wide; the block ends 72 mm from the top.
        var expected = CustomerBarcode.Encode("8920853", "鹿児島市城山町3番30号城山ハイツ403号").Bars;
        using var page = Poppler.Page(rendered.Pdf, 1, 300);
        const float px = 300 / 25.4f;
        var bottom = (int)(72 * px);
        var seen = new List<CustomerBarcodeBar>();
        int? baseline = null;
        for (var i = 0; i < expected.Count; i++)
        {
            var x = (int)((21 + i * 1.2f + 0.3f) * px);
            var y = bottom;
            while (y > 0 && page.GetPixel(x, y).Red > 128) y--;   // up to the bar's lowest dark pixel
            var low = y;
            while (y > 0 && page.GetPixel(x, y).Red <= 128) y--;  // up to its top
            var high = y + 1;
            var lengthMm = (low - high + 1) / px;
            // The symbol's bottom line is where long bars and lower semi-long bars end.
            baseline ??= low;
            var endsAtBottom = Math.Abs(low - baseline.Value) < 0.4f * px;
            seen.Add(lengthMm switch
            {
                > 3.0f => CustomerBarcodeBar.Long,
                > 1.8f => endsAtBottom ? CustomerBarcodeBar.SemiLongLower : CustomerBarcodeBar.SemiLongUpper,
                _ => CustomerBarcodeBar.Timing,
            });
        }

        Assert.Equal(expected, seen);
    }

    [Fact]
    public void Render_Slip_QrDecodesToOurPayload()
    {
        using var page = Poppler.Page(rendered.Pdf, 1, 150);
        var results = Poppler.Decode(page, new SKRectI(0, page.Height * 2 / 3, page.Width, page.Height), BarcodeFormat.QR_CODE);
        var fields = ChoshuElQrPayload.Parse(Assert.Single(results).Text);
        Assert.Equal(new ElQrFields("912345", Key, 13_334, Deadline), fields);
    }

    [Fact]
    public void Render_SameLetterTwice_SameBytes()
    {
        using var again = new MemoryStream();
        rendered.Renderer.Render([Letter()], again);
        Assert.Equal(rendered.Pdf, again.ToArray());
        // No date in the file (SkiaSharp would write the server's UTC offset into it).
        Assert.DoesNotContain("/CreationDate", System.Text.Encoding.Latin1.GetString(rendered.Pdf), StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NameLongerThanItsBox_FormExceptionNamingDocumentAndFieldNothingWritten()
    {
        var good = Letter();
        var bad = Letter(name: new string('長', 40));
        using var output = new MemoryStream();
        var e = Assert.Throws<FormException>(() => rendered.Renderer.Render([good, bad], output));
        Assert.Equal("form.field_too_long", e.Code);
        Assert.Contains("発行番号 12345", e.Message, StringComparison.Ordinal);
        Assert.Contains("宛名（氏名）", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public void Render_NameWithCharacterTheFontLacks_FormException()
    {
        using var output = new MemoryStream();
        var e = Assert.Throws<FormException>(() => rendered.Renderer.Render([Letter(name: "山田　花子😀")], output));
        Assert.Equal("form.unprintable_char", e.Code);
        Assert.Contains("宛名（氏名）", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public void Render_FourAddressLines_FormException()
    {
        using var output = new MemoryStream();
        var e = Assert.Throws<FormException>(() => rendered.Renderer.Render([Letter(addressLines: ["一", "二", "三", "四"])], output));
        Assert.Equal("form.address_lines", e.Code);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public void Render_SlipAmountsNotAddingUp_FormException()
    {
        var letter = Letter();
        var wrong = letter with { Slips = [letter.Slips[0] with { Amount = 13_335 }] };
        using var output = new MemoryStream();
        var e = Assert.Throws<FormException>(() => rendered.Renderer.Render([wrong], output));
        Assert.Equal("form.slip_amount", e.Code);
        Assert.Equal(0, output.Length);
    }

    [Fact]
    public void Render_AmountAbove300000_NoStoreBarcodeAndTheNoticeInstead()
    {
        // 300,000 + 100 + 1,234 = 301,334 yen: above the convenience-store limit.
        using var output = new MemoryStream();
        rendered.Renderer.Render([Letter(principal: 300_000)], output);
        var text = Flat(Poppler.Text(output.ToArray()));
        Assert.Contains("301,334円", text, StringComparison.Ordinal);
        Assert.Contains("この納付書はコンビニエンスストアでは使用できません（30万円超）", text, StringComparison.Ordinal);
        using var page = Poppler.Page(output.ToArray(), 1, 300);
        Assert.Empty(Poppler.Decode(page, new SKRectI(0, page.Height * 2 / 3, page.Width, page.Height), BarcodeFormat.CODE_128));
    }

    [Theory]
    [InlineData(FormLayout.SealedPostcard, 2)]
    [InlineData(FormLayout.ThreeFold, 2)]
    public void Render_FoldedLayouts_TwoPagesWithNameAmountAndDate(FormLayout layout, int pages)
    {
        using var output = new MemoryStream();
        Assert.Equal(pages, rendered.Renderer.Render([Letter(layout)], output));
        var inside = Flat(Poppler.Text(output.ToArray(), 2));
        Assert.Contains("山田 花子 様", inside, StringComparison.Ordinal);
        Assert.Contains("13,334円", inside, StringComparison.Ordinal);
        Assert.Contains("令和8年12月21日", inside, StringComparison.Ordinal);
    }

    [Fact]
    public void FromFile_Missing_FormExceptionInJapanese()
    {
        var e = Assert.Throws<FormException>(() => FormFonts.FromFile("/nonexistent/ipaexg.ttf"));
        Assert.Equal("form.font_missing", e.Code);
        Assert.Contains("scripts/ensure-forms.sh", e.Message, StringComparison.Ordinal);
    }
}
