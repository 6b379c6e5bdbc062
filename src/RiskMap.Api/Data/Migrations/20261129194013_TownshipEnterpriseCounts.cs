using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RiskMap.Api.Data.Migrations
{
    /// <summary>
    /// <c>township_enterprise_counts</c>: enterprises per township and sector, kept by statement-level triggers with
    /// transition tables on enterprises (inserted rows added, deleted rows subtracted, updated rows moved), so that a
    /// bulk import pays one grouped upsert per statement and the choropleth and low-zoom tiles read a few thousand
    /// counters instead of counting a million enterprises.
    /// </summary>
    public partial class TownshipEnterpriseCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE township_enterprise_counts (
                    township_code varchar(9) NOT NULL,
                    sector varchar(32) NOT NULL,
                    enterprises integer NOT NULL,
                    PRIMARY KEY (township_code, sector)
                );
                INSERT INTO township_enterprise_counts (township_code, sector, enterprises)
                SELECT township_code, sector, count(*) FROM enterprises WHERE township_code IS NOT NULL GROUP BY 1, 2;

                CREATE FUNCTION riskmap_enterprise_counts_change() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP IN ('UPDATE', 'DELETE') THEN
                        UPDATE township_enterprise_counts c SET enterprises = c.enterprises - o.n
                        FROM (SELECT township_code, sector, count(*) AS n FROM old_rows WHERE township_code IS NOT NULL GROUP BY 1, 2) o
                        WHERE c.township_code = o.township_code AND c.sector = o.sector;
                    END IF;
                    IF TG_OP IN ('UPDATE', 'INSERT') THEN
                        INSERT INTO township_enterprise_counts AS c (township_code, sector, enterprises)
                        SELECT township_code, sector, count(*) FROM new_rows WHERE township_code IS NOT NULL GROUP BY 1, 2
                        ON CONFLICT (township_code, sector) DO UPDATE SET enterprises = c.enterprises + EXCLUDED.enterprises;
                    END IF;
                    DELETE FROM township_enterprise_counts WHERE enterprises = 0;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER tr_enterprises_counts_insert AFTER INSERT ON enterprises
                    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION riskmap_enterprise_counts_change();
                CREATE TRIGGER tr_enterprises_counts_update AFTER UPDATE ON enterprises
                    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION riskmap_enterprise_counts_change();
                CREATE TRIGGER tr_enterprises_counts_delete AFTER DELETE ON enterprises
                    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION riskmap_enterprise_counts_change();

                CREATE FUNCTION riskmap_enterprise_counts_truncate() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM township_enterprise_counts;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER tr_enterprises_counts_truncate AFTER TRUNCATE ON enterprises
                    FOR EACH STATEMENT EXECUTE FUNCTION riskmap_enterprise_counts_truncate();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS tr_enterprises_counts_truncate ON enterprises;
                DROP TRIGGER IF EXISTS tr_enterprises_counts_delete ON enterprises;
                DROP TRIGGER IF EXISTS tr_enterprises_counts_update ON enterprises;
                DROP TRIGGER IF EXISTS tr_enterprises_counts_insert ON enterprises;
                DROP FUNCTION IF EXISTS riskmap_enterprise_counts_truncate();
                DROP FUNCTION IF EXISTS riskmap_enterprise_counts_change();
                DROP TABLE IF EXISTS township_enterprise_counts;
                """);
        }
    }
}
