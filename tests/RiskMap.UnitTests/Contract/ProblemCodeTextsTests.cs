using System.Globalization;
using System.Resources;
using System.Text.RegularExpressions;
using RiskMap.Api.Contract;

namespace RiskMap.UnitTests.Contract;

/// <summary>
/// Every problem code the service declares has its text in Chinese (the neutral resources) and in English, with the
/// same placeholders, and a title in both when it names a whole problem; and no text is left without a code.
/// </summary>
public partial class ProblemCodeTextsTests
{
    private static readonly ResourceManager Resources = new("RiskMap.Api.Resources.Messages", typeof(ProblemCodes).Assembly);

    private static Dictionary<string, string> Texts(CultureInfo culture)
        => Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)!
            .Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);

    private static readonly Dictionary<string, string> Chinese = Texts(CultureInfo.InvariantCulture);
    private static readonly Dictionary<string, string> English = Texts(CultureInfo.GetCultureInfo("en"));

    [Fact]
    public void Every_code_has_a_chinese_and_an_english_text_and_problem_codes_a_title()
    {
        Assert.True(ProblemCodes.All.Count >= 30, "the codes are found");
        var missing = new List<string>();
        foreach (var (code, hasTitle) in ProblemCodes.All)
        {
            foreach (var key in hasTitle ? [code, code + ".title"] : new[] { code })
            {
                if (!Chinese.ContainsKey(key)) missing.Add($"zh-CN: {key}");
                if (!English.ContainsKey(key)) missing.Add($"en: {key}");
            }
        }
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    [Fact]
    public void Both_languages_have_the_same_keys_and_the_same_placeholders()
    {
        Assert.Equal(Chinese.Keys.Order(StringComparer.Ordinal), English.Keys.Order(StringComparer.Ordinal));
        var different = Chinese.Where(zh => Placeholders(zh.Value) != Placeholders(English[zh.Key]))
            .Select(zh => $"{zh.Key}: '{zh.Value}' / '{English[zh.Key]}'").ToList();
        Assert.True(different.Count == 0, string.Join("\n", different));
    }

    [Fact]
    public void Chinese_texts_are_chinese_and_english_texts_are_not()
    {
        var notChinese = Chinese.Where(t => t.Value.Length > 3 && !HanCharacter().IsMatch(t.Value) && t.Key != ProblemCodes.Invalid).Select(t => t.Key).ToList();
        var notEnglish = English.Where(t => HanCharacter().IsMatch(t.Value)).Select(t => t.Key).ToList();
        Assert.True(notChinese.Count == 0, "Chinese resources without Chinese: " + string.Join(", ", notChinese));
        Assert.True(notEnglish.Count == 0, "English resources in Chinese: " + string.Join(", ", notEnglish));
    }

    private static string Placeholders(string text)
        => string.Join(",", Placeholder().Matches(text).Select(m => m.Groups[1].Value).Distinct().Order(StringComparer.Ordinal));

    [GeneratedRegex(@"\{(\d+)(?:[,:][^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex HanCharacter();
}
