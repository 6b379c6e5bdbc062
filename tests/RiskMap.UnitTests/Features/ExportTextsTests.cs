using RiskMap.Api.Domain;
using RiskMap.Api.Features.Exports;
using RiskMap.Api.Features.Import;
using RiskMap.UnitTests.Import;

namespace RiskMap.UnitTests.Features;

/// <summary>
/// The exports write their headers and labels from the resources; the imports read them back. These tests tie the two
/// vocabularies together in both languages, for every column and every label.
/// </summary>
public sealed class ExportTextsTests
{
    public static TheoryData<string> Languages => new() { "zh-CN", "en" };

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_exported_header_of_an_imported_column_is_one_the_import_matches_to_that_column(string language)
    {
        foreach (var (export, fields) in new[] { ("hazards", ImportColumns.Hazards), ("enterprises", ImportColumns.Enterprises) })
        {
            var exported = fields.Where(f => f.Name != "coordinates").Select(f => f.Name).ToList();
            var header = Texts.In(language, l => new ExportTexts(l).Headers(export, exported));
            var (index, _) = ImportColumns.Resolve(header, fields, null);
            foreach (var (name, i) in exported.Select((n, i) => (n, i)))
                Assert.True(index.TryGetValue(name, out var column) && column == i, $"{language} {export}: '{header[i]}' does not read back as {name}");
            // Chinese files carry the imports' Chinese headers, English ones the canonical names.
            Assert.Equal(language == "en" ? exported : exported.Select(n => fields.Single(f => f.Name == n).Chinese).ToList(), header);
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_level_status_kind_and_yes_no_label_reads_back_as_its_value(string language)
    {
        Texts.In(language, l =>
        {
            var texts = new ExportTexts(l);
            foreach (var level in Enum.GetValues<HazardLevel>()) Assert.Equal(level, Parse<HazardLevel>(texts.Level(level.ToString())));
            foreach (var status in Enum.GetValues<HazardStatus>()) Assert.Equal(status, Parse<HazardStatus>(texts.Status(status.ToString())));
            foreach (var source in Enum.GetValues<HazardSource>()) Assert.Equal(source, Parse<HazardSource>(texts.Source(source.ToString())));
            foreach (var level in Enum.GetValues<SupervisionLevel>()) Assert.Equal(level, Parse<SupervisionLevel>(texts.SupervisionLevel(level.ToString())));
            foreach (var kind in Enum.GetValues<TownshipKind>()) Assert.Equal(kind, Parse<TownshipKind>(texts.TownshipKind(kind.ToString())));
            foreach (var value in new[] { true, false })
            {
                var (parser, rows) = CsvRecords.Read(new StringReader($"supervised\n{texts.Boolean(value)}\n"), "h.csv", ["supervised"]);
                Assert.Equal(value, rows[0].Boolean("supervised"));
                Assert.Empty(parser.Errors);
            }
            foreach (var sector in Sector.All) Assert.Equal(sector.Code, ChineseLabels.SectorCode(ExportTexts.SectorLabel(sector.Code)));
            return 0;
        });
        Assert.Equal(language == "en" ? "Major" : "重大", Texts.In(language, l => new ExportTexts(l).Level("Major")));
    }

    // What the imports accept for an enum: its name, or its Chinese label.
    private static T? Parse<T>(string text) where T : struct, Enum
        => Enum.TryParse<T>(text, out var value) && text == value.ToString() ? value : ChineseLabels.Parse<T>(text);
}
