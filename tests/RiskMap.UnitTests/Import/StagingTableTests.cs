using System.Text.RegularExpressions;
using RiskMap.Api.Features.Import;

namespace RiskMap.UnitTests.Import;

/// <summary>A staging table's CREATE, COPY and merge are written from its one declaration.</summary>
public sealed partial class StagingTableTests
{
    [GeneratedRegex(@"\s+")]
    private static partial Regex Space();

    private static string Flat(string sql) => Space().Replace(sql, " ").Trim();

    private sealed record Visit(int Row, string? Reference, string CreditCode, DateOnly Date, string? Note) : IReferencedRecord
    {
        public IReadOnlySet<string> Rejected { get; init; } = ImportRecords.NoneRejected;
    }

    private static readonly StagingTable<Visit> Visits = StagingTable.ReferencedRecords<Visit>("staging_visits")
        .Date("date", v => v.Date)
        .Text("note", v => v.Note, merged: false)
        .Text("kind", _ => "Visit");

    [Fact]
    public void A_record_table_starts_with_row_valid_reference_and_credit_code()
    {
        Assert.Equal(
            "CREATE TEMP TABLE staging_visits (row int, valid boolean, reference text, credit_code text, date date, note text, kind text) ON COMMIT DROP",
            Visits.CreateSql);
        Assert.Equal("COPY staging_visits (row, valid, reference, credit_code, date, note, kind) FROM STDIN (FORMAT BINARY)", Visits.CopySql);
    }

    [Fact]
    public void The_merge_writes_the_merged_columns_and_the_computed_ones_and_updates_all_but_the_key()
    {
        Assert.Equal(
            "INSERT INTO visits (reference, date, kind, enterprise_id) SELECT s.reference, s.date, upper(s.kind), e.id " +
            "FROM staging_visits s JOIN enterprises e ON e.credit_code = s.credit_code WHERE s.valid ORDER BY s.row " +
            "ON CONFLICT (reference) DO UPDATE SET date = EXCLUDED.date, kind = EXCLUDED.kind, enterprise_id = EXCLUDED.enterprise_id " +
            "RETURNING (xmax = 0)",
            Flat(Visits.MergeSql("visits", "reference", "JOIN enterprises e ON e.credit_code = s.credit_code",
                [("kind", "upper(s.kind)"), ("enterprise_id", "e.id")])));
    }

    [Fact]
    public void A_merge_may_keep_stored_rows_or_leave_columns_it_only_inserts()
    {
        Assert.EndsWith("ON CONFLICT (reference) DO NOTHING RETURNING (xmax = 0)", Flat(Visits.MergeSql("visits", "reference", onConflict: false)));
        Assert.Contains("DO UPDATE SET date = EXCLUDED.date RETURNING",
            Flat(Visits.MergeSql("visits", "reference", insertOnly: ["kind"])), StringComparison.Ordinal);
    }

    [Fact]
    public void A_table_of_other_rows_has_only_its_columns_and_merges_every_row()
    {
        var merge = Flat(ImportService.TownshipStaging.MergeSql("townships", "code",
            computed: [("boundary", "ST_SetSRID(s.boundary, 4326)"), ("district_code", "'431103'")], insertOnly: ["district_code"]));
        Assert.Equal(
            "INSERT INTO townships (code, name, kind, boundary, illustrative, boundary_source, district_code) " +
            "SELECT s.code, s.name, s.kind, ST_SetSRID(s.boundary, 4326), s.illustrative, s.boundary_source, '431103' FROM staging_townships s " +
            "ON CONFLICT (code) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind, boundary = EXCLUDED.boundary, " +
            "illustrative = EXCLUDED.illustrative, boundary_source = EXCLUDED.boundary_source RETURNING (xmax = 0)",
            merge);
    }

    [Fact]
    public void The_imports_stage_the_columns_their_checks_and_merges_read()
    {
        Assert.Equal("CREATE TEMP TABLE staging_enterprises (row int, valid boolean, credit_code text, name text, sector text, above_scale boolean, " +
            "address text, lon double precision, lat double precision, department_code text, opens_at time, closes_at time) ON COMMIT DROP", ImportService.EnterpriseStaging.CreateSql);
        Assert.Equal("CREATE TEMP TABLE staging_inspections (row int, valid boolean, reference text, credit_code text, date date, " +
            "inspection_group text, inspector_visits int) ON COMMIT DROP", ImportService.InspectionStaging.CreateSql);
        Assert.Equal("CREATE TEMP TABLE staging_hazards (row int, valid boolean, reference text, credit_code text, inspection_reference text, " +
            "sector text, level text, description text, found_on date, deadline date, rectified_on date, closed_on date, status text, " +
            "responsible_person text, supervised boolean, source text, criterion_clause text, plan_measures text, plan_funds_yuan numeric, " +
            "plan_owner text, plan_interim_measures text, plan_completion_on date, supervision_level text, supervising_unit text, " +
            "supervision_listed_on date, supervision_delisted_on date, close_document_number text) ON COMMIT DROP", ImportService.HazardStaging.CreateSql);
        Assert.Equal("CREATE TEMP TABLE staging_enforcement (row int, valid boolean, reference text, credit_code text, date date, kind text, " +
            "amount_yuan numeric) ON COMMIT DROP", ImportService.EnforcementStaging.CreateSql);
        Assert.Equal("CREATE TEMP TABLE staging_townships (feature int, code text, name text, kind text, boundary geometry, illustrative boolean, " +
            "boundary_source text) ON COMMIT DROP", ImportService.TownshipStaging.CreateSql);
    }
}
