using System.Net;
using System.Text;

namespace RiskMap.Api.Features.Reports;

/// <summary>Writes a bulletin as a plain, self-contained HTML page (zh-CN; the trend chart inline as a PNG data URI).</summary>
public static class BulletinHtml
{
    /// <summary>The bulletin <paramref name="blocks"/> as UTF-8 HTML.</summary>
    /// <exception cref="InvalidOperationException">Noto CJK is not installed (the chart needs it: <see cref="BulletinFonts"/>).</exception>
    public static byte[] Write(IReadOnlyList<BulletinBlock> blocks, string title)
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>").Append(E(title)).Append("</title>\n<style>")
            .Append("body{font-family:'Noto Serif CJK SC','FangSong',serif;max-width:60em;margin:2em auto;line-height:1.7}")
            .Append("h1{text-align:center;font-family:'Noto Sans CJK SC','SimHei',sans-serif}.c{text-align:center}.s{font-size:.8em;color:#444}")
            .Append("p.b{text-indent:2em}table{border-collapse:collapse;width:100%;font-size:.8em}th,td{border:1px solid #888;padding:2px 4px;text-align:center}")
            .Append("caption{font-weight:bold}figure{text-align:center}img{max-width:100%}</style></head><body>\n");
        foreach (var block in blocks)
        {
            switch (block)
            {
                case BulletinHeading h:
                    html.Append(h.Level == 0 ? "<h1>" : "<h2>").Append(E(h.Text)).Append(h.Level == 0 ? "</h1>\n" : "</h2>\n");
                    break;
                case BulletinParagraph p:
                    html.Append("<p class=\"").Append(p.Centered ? "c" : p.Small ? "s" : "b").Append("\">").Append(E(p.Text)).Append("</p>\n");
                    break;
                case BulletinTable t:
                    html.Append("<table><caption>").Append(E(t.Caption)).Append("</caption><thead><tr>");
                    foreach (var h in t.Header) html.Append("<th>").Append(E(h)).Append("</th>");
                    html.Append("</tr></thead><tbody>\n");
                    foreach (var row in t.Rows)
                    {
                        html.Append("<tr>");
                        foreach (var c in row) html.Append("<td>").Append(E(c)).Append("</td>");
                        html.Append("</tr>\n");
                    }
                    html.Append("</tbody></table>\n");
                    break;
                case BulletinMap m:
                    html.Append("<figure><img alt=\"").Append(E(m.Caption)).Append("\" width=\"900\" src=\"data:image/png;base64,")
                        .Append(Convert.ToBase64String(Maps.MapRenderer.Png(m.Map))).Append("\"><figcaption>")
                        .Append(E(m.Caption)).Append("</figcaption></figure>\n");
                    break;
                case BulletinChart c:
                    html.Append("<figure><img alt=\"").Append(E(c.Caption)).Append("\" width=\"900\" height=\"440\" src=\"data:image/png;base64,")
                        .Append(Convert.ToBase64String(TrendChart.Png(c.Months, 900, 440, 2))).Append("\"><figcaption>")
                        .Append(E(c.Caption)).Append("</figcaption></figure>\n");
                    break;
            }
        }
        html.Append("</body></html>\n");
        return Encoding.UTF8.GetBytes(html.ToString());
    }
}
