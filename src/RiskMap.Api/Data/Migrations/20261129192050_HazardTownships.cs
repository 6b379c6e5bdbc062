using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RiskMap.Api.Data.Migrations
{
    /// <summary>
    /// Hazards carry their enterprise's township (<c>hazards.township_code</c>), kept equal to
    /// <c>enterprises.township_code</c> by triggers: set from the enterprise when a hazard is written, and copied to its
    /// hazards when an enterprise changes township (its point moved, or the townships were re-imported). Counting open
    /// hazards per township of a district then reads one index range per township
    /// (ix_hazards_township_code_open_until: township, the day a hazard stopped being open, found_on; covering sector,
    /// level, deadline, enterprise_id, deadline_extended and id (for the deadline in force, HazardSql.DeadlineAsOf), and
    /// rectified_on and closed_on, without which PostgreSQL will not answer from the expression index alone) instead of joining three million hazards to a million enterprises. EF Core does not map the
    /// column: only SQL reads it.
    /// </summary>
    public partial class HazardTownships : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                ALTER TABLE hazards ADD COLUMN township_code varchar(9);
                UPDATE hazards h SET township_code = e.township_code FROM enterprises e WHERE e.id = h.enterprise_id AND e.township_code IS NOT NULL;

                CREATE FUNCTION riskmap_hazards_township() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    NEW.township_code := (SELECT e.township_code FROM enterprises e WHERE e.id = NEW.enterprise_id);
                    RETURN NEW;
                END $$;

                CREATE TRIGGER tr_hazards_township
                    BEFORE INSERT OR UPDATE OF enterprise_id, township_code ON hazards
                    FOR EACH ROW EXECUTE FUNCTION riskmap_hazards_township();

                CREATE FUNCTION riskmap_enterprises_township_to_hazards() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE hazards SET township_code = NEW.township_code WHERE enterprise_id = NEW.id;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER tr_enterprises_township_to_hazards
                    AFTER UPDATE ON enterprises
                    FOR EACH ROW WHEN (OLD.township_code IS DISTINCT FROM NEW.township_code)
                    EXECUTE FUNCTION riskmap_enterprises_township_to_hazards();

                CREATE INDEX ix_hazards_township_code_open_until
                    ON hazards (township_code, (coalesce(least(rectified_on, closed_on), 'infinity'::date)), found_on)
                    INCLUDE (sector, level, deadline, enterprise_id, rectified_on, closed_on, deadline_extended, id);
                ANALYZE hazards;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX IF EXISTS ix_hazards_township_code_open_until;
                DROP TRIGGER IF EXISTS tr_enterprises_township_to_hazards ON enterprises;
                DROP FUNCTION IF EXISTS riskmap_enterprises_township_to_hazards();
                DROP TRIGGER IF EXISTS tr_hazards_township ON hazards;
                DROP FUNCTION IF EXISTS riskmap_hazards_township();
                ALTER TABLE hazards DROP COLUMN IF EXISTS township_code;
                """);
        }
    }
}
