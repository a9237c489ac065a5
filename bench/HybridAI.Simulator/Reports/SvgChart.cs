using System.Globalization;
using System.Net;
using System.Text;

namespace HybridAI.Simulator.Reports;

/// <summary>A minimal SVG writer: grouped bar charts and line charts with axes, ticks and a legend.</summary>
public static class SvgChart
{
    private static readonly string[] Palette = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1"];
    private const int Width = 760;
    private const int Height = 420;
    private const int Left = 80;
    private const int Right = 170;
    private const int Top = 50;
    private const int Bottom = 60;

    /// <summary>Bars per category; each series is one bar in every category.</summary>
    public static string Bars(string title, string yLabel, IReadOnlyList<string> categories, IReadOnlyList<(string Name, double[] Values)> series)
    {
        var max = NiceMax(series.SelectMany(x => x.Values).Where(double.IsFinite).DefaultIfEmpty(0).Max());
        var svg = Begin(title, yLabel, max);
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var groupWidth = plotWidth / (double)Math.Max(1, categories.Count);
        var barWidth = groupWidth * 0.8 / Math.Max(1, series.Count);
        for (var c = 0; c < categories.Count; c++)
        {
            var x0 = Left + c * groupWidth + groupWidth * 0.1;
            for (var s = 0; s < series.Count; s++)
            {
                var v = series[s].Values[c];
                var h = double.IsFinite(v) && max > 0 ? v / max * plotHeight : 0;
                var x = x0 + s * barWidth;
                svg.Append(F($"<rect x=\"{x:F1}\" y=\"{Top + plotHeight - h:F1}\" width=\"{barWidth * 0.92:F1}\" height=\"{h:F1}\" fill=\"{Palette[s % Palette.Length]}\"><title>{Esc(categories[c])} {Esc(series[s].Name)}: {Num(v)}</title></rect>\n"));
                svg.Append(F($"<text x=\"{x + barWidth * 0.46:F1}\" y=\"{Top + plotHeight - h - 4:F1}\" font-size=\"10\" text-anchor=\"middle\">{Num(v)}</text>\n"));
            }

            svg.Append(F($"<text x=\"{Left + (c + 0.5) * groupWidth:F1}\" y=\"{Top + plotHeight + 18}\" font-size=\"12\" text-anchor=\"middle\">{Esc(categories[c])}</text>\n"));
        }

        if (series.Count > 1)
        {
            Legend(svg, series.Select(x => x.Name).ToList());
        }

        return End(svg);
    }

    /// <summary>One line per series over x = 0..n-1 (e.g. hours of the day).</summary>
    public static string Lines(string title, string xLabel, string yLabel, IReadOnlyList<(string Name, double[] Values)> series)
    {
        var max = NiceMax(series.SelectMany(x => x.Values).Where(double.IsFinite).DefaultIfEmpty(0).Max());
        var svg = Begin(title, yLabel, max);
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        var n = series.Count == 0 ? 1 : series.Max(x => x.Values.Length);
        double X(int i) => Left + (n <= 1 ? 0 : i * plotWidth / (double)(n - 1));
        for (var i = 0; i < n; i += Math.Max(1, n / 12))
        {
            svg.Append(F($"<text x=\"{X(i):F1}\" y=\"{Top + plotHeight + 18}\" font-size=\"11\" text-anchor=\"middle\">{i}</text>\n"));
        }

        svg.Append(F($"<text x=\"{Left + plotWidth / 2}\" y=\"{Height - 15}\" font-size=\"12\" text-anchor=\"middle\">{Esc(xLabel)}</text>\n"));
        for (var s = 0; s < series.Count; s++)
        {
            var points = string.Join(" ", series[s].Values.Select((v, i) => F($"{X(i):F1},{Top + plotHeight - (max > 0 && double.IsFinite(v) ? v / max * plotHeight : 0):F1}")));
            svg.Append(F($"<polyline fill=\"none\" stroke=\"{Palette[s % Palette.Length]}\" stroke-width=\"2\" points=\"{points}\"><title>{Esc(series[s].Name)}</title></polyline>\n"));
        }

        Legend(svg, series.Select(x => x.Name).ToList());
        return End(svg);
    }

    private static StringBuilder Begin(string title, string yLabel, double max)
    {
        var plotHeight = Height - Top - Bottom;
        var svg = new StringBuilder();
        svg.Append(F($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\">\n"));
        svg.Append(F($"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>\n"));
        svg.Append(F($"<text x=\"{Width / 2}\" y=\"28\" font-size=\"16\" text-anchor=\"middle\" font-weight=\"bold\">{Esc(title)}</text>\n"));
        for (var i = 0; i <= 5; i++)
        {
            var y = Top + plotHeight - i * plotHeight / 5.0;
            svg.Append(F($"<line x1=\"{Left}\" y1=\"{y:F1}\" x2=\"{Width - Right}\" y2=\"{y:F1}\" stroke=\"#ddd\"/>\n"));
            svg.Append(F($"<text x=\"{Left - 6}\" y=\"{y + 4:F1}\" font-size=\"11\" text-anchor=\"end\">{Num(max * i / 5)}</text>\n"));
        }

        svg.Append(F($"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Top + plotHeight}\" stroke=\"black\"/>\n"));
        svg.Append(F($"<line x1=\"{Left}\" y1=\"{Top + plotHeight}\" x2=\"{Width - Right}\" y2=\"{Top + plotHeight}\" stroke=\"black\"/>\n"));
        svg.Append(F($"<text transform=\"translate(18,{Top + plotHeight / 2}) rotate(-90)\" font-size=\"12\" text-anchor=\"middle\">{Esc(yLabel)}</text>\n"));
        return svg;
    }

    private static void Legend(StringBuilder svg, IReadOnlyList<string> names)
    {
        for (var i = 0; i < names.Count; i++)
        {
            var y = Top + 10 + i * 20;
            svg.Append(F($"<rect x=\"{Width - Right + 15}\" y=\"{y - 10}\" width=\"12\" height=\"12\" fill=\"{Palette[i % Palette.Length]}\"/>\n"));
            svg.Append(F($"<text x=\"{Width - Right + 32}\" y=\"{y}\" font-size=\"12\">{Esc(names[i])}</text>\n"));
        }
    }

    private static string End(StringBuilder svg) => svg.Append("</svg>\n").ToString();

    internal static double NiceMax(double max)
    {
        if (!(max > 0))
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (var step in new[] { 1.0, 2.0, 2.5, 5.0, 10.0 })
        {
            if (step * magnitude >= max)
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }

    private static string Num(double v) => !double.IsFinite(v) ? "n/a" : Math.Abs(v) >= 1000 ? v.ToString("N0", CultureInfo.InvariantCulture) : v.ToString("G3", CultureInfo.InvariantCulture);

    private static string Esc(string text) => WebUtility.HtmlEncode(text);

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
