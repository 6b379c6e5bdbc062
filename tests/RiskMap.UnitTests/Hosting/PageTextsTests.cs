using System.Text.RegularExpressions;
using RiskMap.Api.Hosting;

namespace RiskMap.UnitTests.Hosting;

/// <summary>
/// Every page's own texts (the map and its pages: wwwroot/js/i18n.js; the phone page: wwwroot/field/texts.js) exist in
/// Chinese and in English under the same keys, the English ones without Chinese (but for the button that switches to
/// Chinese), and every key the page's code or markup names literally — <c>t('key')</c>, <c>data-i18n="key"</c>,
/// <c>data-t="key"</c> — is in its dictionary: a new page text cannot be left in one language.
/// </summary>
public sealed partial class PageTextsTests
{
    /// <summary>A dictionary file, its two language blocks' opening lines, and the files that take their texts from it.</summary>
    public static TheoryData<string, string, string, string[]> Dictionaries => new()
    {
        { "wwwroot/js/i18n.js", "  zh: {", "  en: {", ["wwwroot/js", "wwwroot/index.html", "wwwroot/enterprise.html", "wwwroot/error-reports.html"] },
        { "wwwroot/field/texts.js", "  'zh-CN': {", "  en: {", ["wwwroot/field"] },
    };

    // The keys whose English text holds Chinese on purpose: the button that switches the page to Chinese, and the
    // boundary import's kind column, whose values are the name suffixes 街道/镇/乡 as files write them.
    private static readonly HashSet<string> ChineseOnPurpose = ["app.switchLanguage", "language", "import.field.kind"];

    [Theory]
    [MemberData(nameof(Dictionaries))]
    public void Both_languages_have_the_same_keys_and_english_texts_have_no_chinese(string file, string zhOpening, string enOpening, string[] users)
    {
        _ = users;
        var (zh, en) = Read(file, zhOpening, enOpening);
        Assert.True(zh.Count > 20, $"{file}: only {zh.Count} Chinese texts read");
        Assert.Empty(zh.Keys.Except(en.Keys).Select(k => $"{file}: '{k}' has no English text").Order(StringComparer.Ordinal));
        Assert.Empty(en.Keys.Except(zh.Keys).Select(k => $"{file}: '{k}' has no Chinese text").Order(StringComparer.Ordinal));
        Assert.Empty(en.Where(e => !ChineseOnPurpose.Contains(e.Key) && Cjk().IsMatch(e.Value))
            .Select(e => $"{file}: English '{e.Key}' is '{e.Value}'").Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Dictionaries))]
    public void Every_key_the_page_names_is_in_its_dictionary(string file, string zhOpening, string enOpening, string[] users)
    {
        var (zh, _) = Read(file, zhOpening, enOpening);
        var root = RiskMapPaths.RepositoryRoot!;
        var sources = users.Select(u => Path.Combine(root, u))
            .SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*.*", SearchOption.AllDirectories) : [p])
            .Where(p => p.EndsWith(".js", StringComparison.Ordinal) || p.EndsWith(".html", StringComparison.Ordinal))
            .Where(p => !p.StartsWith(Path.Combine(root, "wwwroot", "lib"), StringComparison.Ordinal) && File.Exists(p))
            .ToList();
        Assert.NotEmpty(sources);
        var missing = new List<string>();
        var named = 0;
        foreach (var source in sources)
        {
            var text = File.ReadAllText(source);
            foreach (Match m in NamedKey().Matches(text))
            {
                var key = m.Groups["key"].Value;
                named++;
                if (!zh.ContainsKey(key)) missing.Add($"{Path.GetRelativePath(root, source)}: '{key}'");
            }
        }
        Assert.True(named > 20, $"{file}: only {named} keys named by its pages");
        Assert.Empty(missing.Distinct().Order(StringComparer.Ordinal));
    }

    /// <summary>The texts of the two blocks of <paramref name="file"/>: one entry a line, <c>key: '…'</c> or <c>'key': '…'</c>.</summary>
    private static (Dictionary<string, string> Zh, Dictionary<string, string> En) Read(string file, string zhOpening, string enOpening)
    {
        var lines = File.ReadAllLines(Path.Combine(RiskMapPaths.RepositoryRoot!, file));
        Dictionary<string, string> Block(string opening)
        {
            var start = Array.IndexOf(lines, opening);
            Assert.True(start >= 0, $"{file}: no line '{opening}'");
            var texts = new Dictionary<string, string>(StringComparer.Ordinal);
            for (var i = start + 1; i < lines.Length && lines[i] != "  },"; i++)
                if (Entry().Match(lines[i]) is { Success: true } m) texts[m.Groups["key"].Value] = m.Groups["value"].Value;
            return texts;
        }
        return (Block(zhOpening), Block(enOpening));
    }

    [GeneratedRegex(@"^    '?(?<key>[A-Za-z][\w.\-]*)'?:\s*(?<value>.*?),?$")]
    private static partial Regex Entry();

    [GeneratedRegex(@"(?:\bt\(\s*'(?<key>[A-Za-z][\w.\-]*)'|data-(?:i18n|t)=""(?<key>[A-Za-z][\w.\-]*)"")")]
    private static partial Regex NamedKey();

    [GeneratedRegex(@"[\u3400-\u9fff\uff00-\uffef]")]
    private static partial Regex Cjk();
}
