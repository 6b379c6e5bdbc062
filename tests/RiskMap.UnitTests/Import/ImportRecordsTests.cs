using RiskMap.Api.Features.Import;
using RiskMap.Api.Geo;

namespace RiskMap.UnitTests.Import;

/// <summary>Row parsing reports every bad value of a row, not only the first.</summary>
public sealed class ImportRecordsTests
{
    private const string Code = "91431103NDBQETDLXY";

    private static (CsvRecords File, CsvRow Row) OneRow(string header, string line)
    {
        var (file, rows) = CsvRecords.Read(new StringReader(header + "\n" + line + "\n"), "test.csv", header.Split(','));
        return (file, Assert.Single(rows));
    }

    private static List<(int Row, string Column, string? Value)> Errors(CsvRecords file)
        => file.Errors.Select(e => (e.Row, e.Column, e.Value)).ToList();

    [Fact]
    public void An_enterprise_row_lists_its_bad_sector_flag_and_longitude_and_keeps_the_good_fields()
    {
        var (file, row) = OneRow("credit_code,name,sector,above_scale,address,longitude,latitude,department_code",
            $"{Code},甲,unknown_sector,maybe,,abc,26.4,nodept");
        var record = EnterpriseRecord.Read(row, GeographicSystem.Wgs84);

        Assert.Equal([(2, "sector", "unknown_sector"), (2, "above_scale", "maybe"), (2, "longitude", "abc")], Errors(file));
        Assert.Equal(["above_scale", "longitude", "sector"], record.Rejected.Order());
        // The department is checked against the database later: it must still be there for that check.
        Assert.Equal("nodept", record.DepartmentCode);
        Assert.Equal(Code, record.CreditCode);
        Assert.True(double.IsNaN(record.Longitude));
        Assert.Null(EnterpriseRecord.Parse(OneRow("credit_code,name,sector,longitude,latitude", $"{Code},甲,unknown_sector,111.6,26.4").Row,
            GeographicSystem.Wgs84));
    }

    [Theory]
    [InlineData("08:00-17:30", "08:00", "17:30")]
    [InlineData("8:30～12:00", "08:30", "12:00")]
    [InlineData("14:00至18:00", "14:00", "18:00")]
    [InlineData("", null, null)]
    [InlineData("17:30-08:00", null, null, true)]
    [InlineData("morning", null, null, true)]
    [InlineData("25:00-26:00", null, null, true)]
    public void Opening_hours_are_two_clock_times_the_first_earlier(string cell, string? opens, string? closes, bool rejected = false)
    {
        var (file, row) = OneRow("credit_code,name,sector,longitude,latitude,opening_hours", $"{Code},甲,gas,111.6,26.4,{cell}");
        var record = EnterpriseRecord.Read(row, GeographicSystem.Wgs84);
        Assert.Equal(opens, record.Hours?.Opens.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(closes, record.Hours?.Closes.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture));
        List<(int Row, string Column, string? Value)> expected = rejected ? [(2, "opening_hours", cell)] : [];
        Assert.Equal(expected, Errors(file));
    }

    [Theory]
    [InlineData("abc", "95", "longitude:abc", "latitude:95")]
    [InlineData("181", "x", "longitude:181", "latitude:x")]
    [InlineData("", "95", "longitude:", "latitude:95")]
    public void Each_coordinate_is_checked_even_when_the_other_is_bad(string lon, string lat, string first, string second)
    {
        var (file, row) = OneRow("credit_code,name,sector,longitude,latitude", $"{Code},甲,gas,{lon},{lat}");
        EnterpriseRecord.Read(row, GeographicSystem.Wgs84);
        Assert.Equal(new[] { first, second }.Order(), file.Errors.Select(e => $"{e.Column}:{e.Value}").Order());
    }

    [Fact]
    public void A_hazard_row_lists_a_missing_description_and_its_date_contradictions_together()
    {
        var (file, row) = OneRow(string.Join(',', HazardRecord.Columns),
            $"HZ-1,,{Code},gas,Major,,2024-05-10,2024-05-01,,2024-05-03,Open,,perhaps");
        var record = HazardRecord.Read(row);

        Assert.Equal(
        [
            (2, "description", null), (2, "supervised", "perhaps"), (2, "status", "Open"),
            (2, "deadline", "2024-05-01"), (2, "closed_on", "2024-05-03"),
        ], Errors(file));
        Assert.False(record.IsValid());
        Assert.Equal("HZ-1", record.Reference);
    }

    private const string LedgerHeader = "source,criterion_clause,plan_measures,plan_funds_yuan,plan_owner,plan_interim_measures,plan_completion_on," +
        "supervision_level,supervising_unit,supervision_listed_on,supervision_delisted_on,close_document_number";

    [Fact]
    public void The_ledger_columns_of_a_hazard_row_are_read_in_either_language()
    {
        var (file, row) = OneRow(string.Join(',', HazardRecord.Columns) + "," + LedgerHeader,
            $"HZ-1,,{Code},non_coal_mines,重大,边坡失稳,2023-03-01,2023-06-01,2023-05-20,2023-05-30,已销号,张三,是," +
            "企业自查,mines-2022:1.1,削坡减载,12000.5,李四,设警戒线,2023-05-25,市级,永州市安委会,2023-03-05,2023-05-30,冷安销〔2023〕7号");
        var ledger = HazardRecord.Read(row).Ledger;
        Assert.Empty(file.Errors);
        Assert.Equal(new HazardLedgerRecord(Api.Domain.HazardSource.EnterpriseSelfReport, "mines-2022:1.1", "削坡减载", 12000.5m, "李四", "设警戒线",
            new DateOnly(2023, 5, 25), Api.Domain.SupervisionLevel.City, "永州市安委会", new DateOnly(2023, 3, 5), new DateOnly(2023, 5, 30),
            "冷安销〔2023〕7号"), ledger);
        // Without the columns: a department's finding, nothing else.
        var plain = HazardRecord.Read(OneRow(string.Join(',', HazardRecord.Columns), $"HZ-2,,{Code},gas,General,漏气,2024-05-01,2024-05-10,,,Open,,").Row);
        Assert.Equal(new HazardLedgerRecord(Api.Domain.HazardSource.DepartmentInspection, null, null, null, null, null, null, null, null, null, null, null),
            plain.Ledger);
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public void Every_bad_ledger_value_of_a_hazard_row_is_a_row_error_with_its_reason(string language)
    {
        // A General hazard citing a clause, a rumour as its source, negative funds, a plan ending before the day found,
        // supervision fields on a hazard not supervised, delisted before listed and a document number on an open hazard.
        var (file, row) = OneRow(string.Join(',', HazardRecord.Columns) + "," + LedgerHeader,
            $"HZ-1,,{Code},non_coal_mines,General,边坡失稳,2023-03-01,2023-06-01,,,Open,,否," +
            "rumour,mines-2022:1.1,,-5,,,2023-02-01,County,,2023-03-05,2023-03-04,X-1");
        Assert.False(HazardRecord.Read(row).IsValid());
        Assert.Equal(
        [
            (2, "source", "rumour"), (2, "criterion_clause", "mines-2022:1.1"), (2, "plan_funds_yuan", "-5"), (2, "plan_completion_on", "2023-02-01"),
            (2, "supervision_delisted_on", "2023-03-04"), (2, "supervision_level", "County"), (2, "supervision_listed_on", "2023-03-05"),
            (2, "close_document_number", "X-1"),
        ], Errors(file));
        Assert.Equal(
        [
            ImportProblemCodes.OneOf, Api.Features.Ledger.LedgerProblemCodes.CriterionMajorOnly, ImportProblemCodes.AmountNegative,
            ImportProblemCodes.PlanCompletionBeforeFound, ImportProblemCodes.DelistedBeforeListed, ImportProblemCodes.SupervisionNotSupervised,
            ImportProblemCodes.SupervisionNotSupervised, ImportProblemCodes.DocumentNumberNotClosed,
        ], file.Errors.Select(e => e.Code));
        // Each reason is written in the language asked for, from the resources.
        var reasons = Texts.In(language, l => ImportMessages.Render(l, file.Errors).Select(e => e.Reason).ToList());
        Assert.All(reasons, r => Assert.False(string.IsNullOrWhiteSpace(r)));
        Assert.All(reasons, r => Assert.DoesNotContain("import.", r));
        Assert.Equal(language == "en", reasons[2] == "The amount cannot be negative.");
        Assert.Equal(language == "zh-CN", reasons[2] == "金额不能为负。");
    }

    [Fact]
    public void A_hazard_clause_must_be_of_its_sector_and_in_force_on_the_day_found()
    {
        var (file, row) = OneRow(string.Join(',', HazardRecord.Columns) + ",criterion_clause",
            $"HZ-1,,{Code},non_coal_mines,Major,边坡失稳,2021-03-01,2021-06-01,,,Open,,,mines-2022:1.1");
        HazardRecord.Read(row);
        Assert.Equal([(2, "criterion_clause", "mines-2022:1.1")], Errors(file));
        Assert.Equal(Api.Features.Ledger.LedgerProblemCodes.CriterionNotInForce, file.Errors[0].Code);
    }

    [Fact]
    public void An_enforcement_row_lists_a_bad_date_and_a_fine_without_amount()
    {
        var (file, row) = OneRow(string.Join(',', EnforcementRecord.Columns), "ENF-1,123,2024-13-01,Fine,");
        EnforcementRecord.Read(row);
        Assert.Equal(["credit_code", "date", "amount_yuan"], file.Errors.Select(e => e.Column));
    }

    [Fact]
    public void An_inspection_row_lists_every_bad_field()
    {
        var (file, row) = OneRow(string.Join(',', InspectionRecord.Columns), $"INS-1,{Code},yesterday,,-3");
        Assert.Null(InspectionRecord.Parse(row));
        Assert.Equal([(2, "date", "yesterday"), (2, "inspection_group", null), (2, "inspector_visits", "-3")], Errors(file));
    }

    [Fact]
    public void A_clean_row_has_nothing_rejected()
    {
        var (file, row) = OneRow(string.Join(',', InspectionRecord.Columns), $"INS-1,{Code},2024-05-01,G1,2");
        var record = InspectionRecord.Parse(row);
        Assert.NotNull(record);
        Assert.Empty(record.Rejected);
        Assert.Empty(file.Errors);
    }
}
