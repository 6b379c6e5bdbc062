using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RiskMap.Api.Data.Migrations
{
    /// <summary>
    /// Location quality and duplicate review of enterprises: the pg_trgm extension (name similarity), the scripts of
    /// <see cref="DatabaseScripts.LocationQuality"/> (Data/Sql), and the flags of the enterprises already stored, in one
    /// pass. Not in EF Core's model: only SQL reads the column and the table.
    /// </summary>
    public partial class LocationQuality : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.ApplyDatabaseScripts(DatabaseScripts.LocationQuality);
            migrationBuilder.Sql("SELECT riskmap_location_quality_refresh(NULL);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
            => migrationBuilder.Sql("""
                DROP FUNCTION riskmap_enterprises_merge(bigint, bigint);
                DROP TRIGGER tr_districts_location_quality ON districts;
                DROP TRIGGER tr_townships_location_quality ON townships;
                DROP TRIGGER tr_enterprises_location_quality_delete ON enterprises;
                DROP TRIGGER tr_enterprises_location_quality_update ON enterprises;
                DROP TRIGGER tr_enterprises_location_quality_insert ON enterprises;
                DROP FUNCTION riskmap_areas_location_quality();
                DROP FUNCTION riskmap_enterprises_location_quality();
                DROP FUNCTION riskmap_location_quality_refresh(bigint[]);
                DROP FUNCTION riskmap_location_quality_of(bigint, geometry, text, text);
                DROP TABLE enterprise_distinct_pairs;
                DROP INDEX ix_townships_label_point;
                ALTER TABLE enterprises DROP COLUMN location_quality;
                DROP EXTENSION IF EXISTS pg_trgm;
                """);
    }
}
