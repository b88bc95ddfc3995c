using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Html;
using QRCoder;

namespace Choshu.Web.Security;

/// <summary>
/// A QR code drawn server-side as inline SVG markup: one &lt;path&gt; of black squares on a white
/// quiet zone. Inline markup needs no <c>img-src data:</c> and no script, so it fits the strict
/// Content-Security-Policy. Used for the TOTP enrollment URI (which carries the secret: the page is
/// no-store and the markup is never logged).
/// </summary>
public static class QrSvg
{
    public static IHtmlContent Render(string text, string accessibleName)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var matrix = data.ModuleMatrix; // includes the 4-module quiet zone
        var size = matrix.Count;
        var path = new StringBuilder(size * size * 4);
        for (var y = 0; y < size; y++)
        {
            var row = matrix[y];
            for (var x = 0; x < size; x++)
            {
                if (!row[x]) continue;
                var run = 1;
                while (x + run < size && row[x + run]) run++;
                path.Append(CultureInfo.InvariantCulture, $"M{x} {y}h{run}v1h-{run}z");
                x += run - 1;
            }
        }
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture,
            $"<svg class=\"qr\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" role=\"img\" aria-label=\"");
        svg.Append(System.Net.WebUtility.HtmlEncode(accessibleName));
        svg.Append("\" shape-rendering=\"crispEdges\">");
        svg.Append(CultureInfo.InvariantCulture, $"<rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/>");
        svg.Append("<path fill=\"#000\" d=\"").Append(path).Append("\"/></svg>");
        return new HtmlString(svg.ToString());
    }
}
