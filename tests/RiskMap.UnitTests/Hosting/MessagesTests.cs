using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Resources;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using RiskMap.Api.Hosting;
using RiskMap.Api.Resources;

namespace RiskMap.UnitTests.Hosting;

/// <summary>
/// Every message of <see cref="Messages"/> exists in Chinese (the neutral resources in the main assembly) and in English
/// (the en satellite assembly, which must be built), with the same placeholders, and reaches callers through
/// <see cref="IStringLocalizer{T}"/> in the UI culture's language.
/// </summary>
public sealed partial class MessagesTests
{
    private static readonly ResourceManager Resources = new(typeof(Messages).FullName!, typeof(Messages).Assembly);

    /// <summary>
    /// The keys the code uses: the constants of <see cref="Messages"/>, every problem code of
    /// <see cref="RiskMap.Api.Contract.ProblemCodes.All"/> with its <c>.title</c> when it names a whole problem, and the
    /// headers and labels of the exported files (<see cref="RiskMap.Api.Features.Exports.ExportTexts.Keys"/>) and of a team's
    /// route files (<see cref="RiskMap.Api.Features.Routing.RouteTexts.Keys"/>).
    /// </summary>
    private static List<string> Keys()
    {
        List<string> keys = [.. typeof(Messages).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!)];
        foreach (var (code, hasTitle) in RiskMap.Api.Contract.ProblemCodes.All)
        {
            keys.Add(code);
            if (hasTitle) keys.Add(code + ".title");
        }
        keys.AddRange(RiskMap.Api.Features.Exports.ExportTexts.Keys);
        keys.AddRange(RiskMap.Api.Features.Routing.RouteTexts.Keys);
        keys.AddRange(RiskMap.Api.Features.Maps.MapTexts.Keys);
        keys.AddRange(RiskMap.Api.Features.Notifications.NotificationTexts.Keys);
        keys.AddRange(RiskMap.Api.Contract.MessageArguments.Keys);
        Assert.True(keys.Count > 40, "the problem codes are found");
        return keys;
    }

    private static Dictionary<string, string> Entries(CultureInfo culture)
    {
        var set = Resources.GetResourceSet(culture, createIfNotExists: true, tryParents: false)
                  ?? throw new InvalidOperationException($"No resources for '{culture.Name}' (is the satellite assembly built?)");
        return set.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string)e.Value!);
    }

    public static TheoryData<string> Languages => ["zh-CN", "en"];

    [Fact]
    public void The_constants_are_their_own_names_so_that_a_resource_key_reads_as_the_code_does()
    {
        foreach (var field in typeof(Messages).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral))
            Assert.Equal(field.Name, field.GetRawConstantValue());
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_key_exists_in_each_language_and_nothing_else_does(string language)
    {
        // zh-CN is the neutral language (NeutralResourcesLanguage): its resources are the invariant set of the main assembly.
        var entries = Entries(language == "zh-CN" ? CultureInfo.InvariantCulture : CultureInfo.GetCultureInfo(language));
        Assert.Equal(Keys().Order(StringComparer.Ordinal), entries.Keys.Order(StringComparer.Ordinal));
        Assert.All(entries, e => Assert.False(string.IsNullOrWhiteSpace(e.Value), $"{e.Key} is empty in {language}"));
    }

    [Fact]
    public void Both_languages_have_the_same_placeholders_in_every_message()
    {
        var chinese = Entries(CultureInfo.InvariantCulture);
        var english = Entries(LocalizationSetup.English);
        Assert.All(Keys(), key => Assert.Equal(Placeholders(chinese[key]), Placeholders(english[key])));
        // A message with placeholders is one the code formats: the placeholders are numbered from 0 without gaps.
        Assert.All(Keys(), key =>
        {
            var indexes = Placeholders(chinese[key]).Select(p => int.Parse(PlaceholderIndex().Match(p).Value, CultureInfo.InvariantCulture)).Distinct().Order();
            Assert.Equal(Enumerable.Range(0, indexes.Count()), indexes);
        });
    }

    [Fact]
    public void The_chinese_messages_are_chinese_and_the_english_ones_are_not()
    {
        // A text that is only a placeholder (the message of a rule not yet coded) has no words of its own.
        Assert.All(Entries(CultureInfo.InvariantCulture).Where(e => PlaceholderOnly().IsMatch(e.Value) is false),
            e => Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", e.Value));
        Assert.All(Entries(LocalizationSetup.English), e => Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", e.Value));
    }

    /// <summary>The names of the vocabulary's members and of the roles, as whole words in a text.</summary>
    private static readonly Regex EnglishNames = new(
        @"(?<![A-Za-z])(" + string.Join("|", RiskMap.Api.Contract.MessageArguments.Names.OrderByDescending(n => n.Length)) + @")(?![A-Za-z])");

    [Fact]
    public void No_chinese_message_shows_an_english_enum_or_role_name_written_in_it_or_given_as_an_argument()
    {
        var factory = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance);
        var localizer = new StringLocalizer<Messages>(factory);
        var chinese = Entries(CultureInfo.InvariantCulture);
        // Written into a text.
        Assert.Empty(chinese.Where(e => EnglishNames.IsMatch(e.Value)).Select(e => $"{e.Key}: {e.Value}"));
        // Given as arguments: every message rendered with each name, and with lists of names, in every placeholder.
        var samples = RiskMap.Api.Contract.MessageArguments.Names.Select(n => new[] { n })
            .Append(Enum.GetNames<RiskMap.Api.Domain.SupervisionLevel>()).Append(RiskMap.Api.Features.Accounts.Roles.All)
            .Append(Enum.GetNames<RiskMap.Api.Domain.HazardStatus>())
            .Select(names => RiskMap.Api.Contract.FieldError.Text(names)).ToList();
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
            var shown = new List<string>();
            foreach (var (key, text) in chinese)
            {
                // The values to type keep their names, labelled (asserted below).
                if (RiskMap.Api.Contract.MessageArguments.ValueChoiceCodes.Contains(key)) continue;
                var count = Placeholders(text).Select(p => int.Parse(PlaceholderIndex().Match(p).Value, CultureInfo.InvariantCulture)).DefaultIfEmpty(-1).Max() + 1;
                if (count == 0) continue;
                foreach (var sample in samples)
                {
                    var rendered = RiskMap.Api.Features.Import.ImportMessages.Text(localizer, key, Enumerable.Repeat(sample, count).ToList());
                    if (EnglishNames.IsMatch(rendered)) shown.Add($"{key}: {rendered}");
                }
            }
            Assert.Empty(shown.Take(20));
            // A list of values to type names each value with its label, so that the Chinese text says what to send.
            Assert.Equal("“9”不是允许的值，可用：General（一般）, Major（重大）。",
                RiskMap.Api.Features.Import.ImportMessages.Text(localizer, "format.one-of", ["9", "General, Major"]));
            // The same arguments in English keep the names.
            CultureInfo.CurrentUICulture = LocalizationSetup.English;
            Assert.Contains("County", RiskMap.Api.Features.Import.ImportMessages.Text(localizer, "ledger.decider-role", ["County", "DepartmentOfficer"]));
            Assert.Equal("'9' is not allowed. Use one of: General, Major.",
                RiskMap.Api.Features.Import.ImportMessages.Text(localizer, "format.one-of", ["9", "General, Major"]));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Theory]
    [InlineData("zh-CN", "数据库暂时无法访问", "服务在数据库恢复后会自动重新连接，请 5 秒后重试。")]
    [InlineData("en", "The database is temporarily unavailable", "The service reconnects by itself once the database is back; try again in 5 seconds.")]
    public void The_string_localizer_reads_the_language_of_the_ui_culture(string language, string title, string detail)
    {
        var factory = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance);
        var localizer = new StringLocalizer<Messages>(factory);
        var previous = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
            Assert.All(Keys(), key => Assert.False(localizer[key].ResourceNotFound, $"{key} not found for {language}"));
            Assert.Equal(title, localizer[Messages.DatabaseUnavailableTitle]);
            Assert.Equal(detail, localizer[Messages.DatabaseUnavailableDetail, 5]);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    /// <summary>The composite-format placeholders of <paramref name="text"/> ("{0}", "{1:N0}"), sorted; "{{" is not one.</summary>
    private static List<string> Placeholders(string text)
        => [.. Placeholder().Matches(text.Replace("{{", "").Replace("}}", "")).Select(m => m.Value).Order(StringComparer.Ordinal)];

    [GeneratedRegex(@"\{\d+(,-?\d+)?(:[^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\d+")]
    private static partial Regex PlaceholderIndex();

    [GeneratedRegex(@"^\{\d+\}$")]
    private static partial Regex PlaceholderOnly();
}
