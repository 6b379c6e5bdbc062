using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RiskMap.Api.Data.Migrations
{
    /// <summary>
    /// The districts' figures from maintained tables: the scripts of <see cref="DatabaseScripts.DistrictFigures"/> (Data/Sql)
    /// — the first and last record day per township and the triggers that keep them — and the days of the records already
    /// stored, in one pass. Not in EF Core's model: only SQL reads the table.
    /// </summary>
    public partial class DistrictFigures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.ApplyDatabaseScripts(DatabaseScripts.DistrictFigures);
            migrationBuilder.Sql("SELECT riskmap_township_record_days_refresh(NULL);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
            => migrationBuilder.Sql("""
                DROP TRIGGER tr_enterprises_record_days_update ON enterprises;
                DROP TRIGGER tr_enterprises_record_days_delete ON enterprises;
                DROP FUNCTION riskmap_township_record_days_enterprises();
                DO $$
                DECLARE t text;
                BEGIN
                    FOREACH t IN ARRAY ARRAY['inspections', 'hazards', 'enforcement_actions'] LOOP
                        EXECUTE format('DROP TRIGGER %I ON %I', 'tr_' || t || '_record_days_insert', t);
                        EXECUTE format('DROP TRIGGER %I ON %I', 'tr_' || t || '_record_days_update', t);
                        EXECUTE format('DROP TRIGGER %I ON %I', 'tr_' || t || '_record_days_delete', t);
                        EXECUTE format('DROP TRIGGER %I ON %I', 'tr_' || t || '_record_days_truncate', t);
                    END LOOP;
                END $$;
                DROP FUNCTION riskmap_township_record_days_change();
                DROP FUNCTION riskmap_township_record_days_refresh(varchar[]);
                DROP TABLE township_record_days;
                """);
    }
}
