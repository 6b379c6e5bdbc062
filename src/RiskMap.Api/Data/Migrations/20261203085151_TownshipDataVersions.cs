using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RiskMap.Api.Data.Migrations
{
    /// <summary>
    /// Data versions per township instead of one district-wide counter, so that a cached representation of some
    /// townships (a township chief's vector tiles) is revalidated when those townships change and only then: another
    /// township's writes no longer show in the caller's ETag. <c>riskmap_data_versions</c> has one row per area: <c>'*'</c>
    /// (every township, and rows in none), bumped by every statement that writes districts, townships, enterprises or
    /// hazards, as <c>riskmap_data_version</c> was; and one row per township code, bumped by the statements that wrote
    /// a row of that township (an enterprise or hazard in it, old and new township when one moves, or the township
    /// itself). Statement-level triggers with transition tables: a bulk import pays one grouped upsert per statement,
    /// not one per row. Every statement takes the <c>'*'</c> row first, so concurrent writers queue on it in one order
    /// (as they did on the old one-row table) and the township rows taken after it cannot deadlock. TRUNCATE bumps
    /// every row. Every township has a row from the start (this migration, or the insert of the township); a code without
    /// one reads as version 0.
    /// </summary>
    public partial class TownshipDataVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER tr_hazards_data_version ON hazards;
                DROP TRIGGER tr_enterprises_data_version ON enterprises;
                DROP TRIGGER tr_townships_data_version ON townships;
                DROP TRIGGER tr_districts_data_version ON districts;
                DROP FUNCTION riskmap_bump_data_version();

                CREATE TABLE riskmap_data_versions (
                    area varchar(9) PRIMARY KEY,
                    version bigint NOT NULL,
                    changed_at timestamptz NOT NULL
                );
                INSERT INTO riskmap_data_versions (area, version, changed_at) SELECT '*', version, changed_at FROM riskmap_data_version;
                INSERT INTO riskmap_data_versions (area, version, changed_at) SELECT code, 1, now() FROM townships;
                DROP TABLE riskmap_data_version;

                -- TG_ARGV[0]: the column holding a written row's township code (none for districts: '*' only).
                CREATE FUNCTION riskmap_bump_data_versions() RETURNS trigger
                LANGUAGE plpgsql AS $$
                DECLARE
                    written text;
                BEGIN
                    UPDATE riskmap_data_versions SET version = version + 1, changed_at = clock_timestamp() WHERE area = '*';
                    IF TG_OP = 'TRUNCATE' THEN
                        UPDATE riskmap_data_versions SET version = version + 1, changed_at = clock_timestamp() WHERE area <> '*';
                    ELSIF TG_NARGS > 0 THEN
                        written := CASE TG_OP
                            WHEN 'INSERT' THEN format('SELECT %1$I FROM new_rows', TG_ARGV[0])
                            WHEN 'DELETE' THEN format('SELECT %1$I FROM old_rows', TG_ARGV[0])
                            ELSE format('SELECT %1$I FROM old_rows UNION ALL SELECT %1$I FROM new_rows', TG_ARGV[0]) END;
                        EXECUTE format($sql$
                            INSERT INTO riskmap_data_versions AS v (area, version, changed_at)
                            SELECT t.area, 1, clock_timestamp()
                            FROM (SELECT DISTINCT w.area FROM (%s) AS w(area) WHERE w.area IS NOT NULL) t
                            ORDER BY t.area
                            ON CONFLICT (area) DO UPDATE SET version = v.version + 1, changed_at = EXCLUDED.changed_at
                            $sql$, written);
                    END IF;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER tr_districts_data_versions AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON districts
                    FOR EACH STATEMENT EXECUTE FUNCTION riskmap_bump_data_versions();

                -- Per table: insert, update and delete with their transition tables (one event per such trigger), and truncate.
                DO $$
                DECLARE t record;
                BEGIN
                    FOR t IN SELECT * FROM (VALUES ('townships', 'code'), ('enterprises', 'township_code'), ('hazards', 'township_code')) AS v(tab, col) LOOP
                        EXECUTE format('CREATE TRIGGER %1$I AFTER INSERT ON %2$I REFERENCING NEW TABLE AS new_rows
                            FOR EACH STATEMENT EXECUTE FUNCTION riskmap_bump_data_versions(%3$L)', 'tr_' || t.tab || '_data_versions_insert', t.tab, t.col);
                        EXECUTE format('CREATE TRIGGER %1$I AFTER UPDATE ON %2$I REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
                            FOR EACH STATEMENT EXECUTE FUNCTION riskmap_bump_data_versions(%3$L)', 'tr_' || t.tab || '_data_versions_update', t.tab, t.col);
                        EXECUTE format('CREATE TRIGGER %1$I AFTER DELETE ON %2$I REFERENCING OLD TABLE AS old_rows
                            FOR EACH STATEMENT EXECUTE FUNCTION riskmap_bump_data_versions(%3$L)', 'tr_' || t.tab || '_data_versions_delete', t.tab, t.col);
                        EXECUTE format('CREATE TRIGGER %1$I AFTER TRUNCATE ON %2$I
                            FOR EACH STATEMENT EXECUTE FUNCTION riskmap_bump_data_versions()', 'tr_' || t.tab || '_data_versions_truncate', t.tab);
                    END LOOP;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DO $$
                DECLARE tab text; event text;
                BEGIN
                    FOREACH tab IN ARRAY ARRAY['townships', 'enterprises', 'hazards'] LOOP
                        FOREACH event IN ARRAY ARRAY['insert', 'update', 'delete', 'truncate'] LOOP
                            EXECUTE format('DROP TRIGGER IF EXISTS %I ON %I', 'tr_' || tab || '_data_versions_' || event, tab);
                        END LOOP;
                    END LOOP;
                END $$;
                DROP TRIGGER IF EXISTS tr_districts_data_versions ON districts;
                DROP FUNCTION IF EXISTS riskmap_bump_data_versions();

                CREATE TABLE riskmap_data_version (
                    id boolean PRIMARY KEY DEFAULT true CHECK (id),
                    version bigint NOT NULL,
                    changed_at timestamptz NOT NULL
                );
                INSERT INTO riskmap_data_version (id, version, changed_at)
                SELECT true, coalesce(max(version) FILTER (WHERE area = '*'), 1), coalesce(max(changed_at), now()) FROM riskmap_data_versions;
                DROP TABLE riskmap_data_versions;

                CREATE FUNCTION riskmap_bump_data_version() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    UPDATE riskmap_data_version SET version = version + 1, changed_at = clock_timestamp();
                    RETURN NULL;
                END $$;

                CREATE TRIGGER tr_districts_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON districts
                    FOR EACH STATEMENT EXECUTE FUNCTION riskmap_bump_data_version();
                CREATE TRIGGER tr_townships_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON townships
                    FOR EACH STATEMENT EXECUTE FUNCTION riskmap_bump_data_version();
                CREATE TRIGGER tr_enterprises_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON enterprises
                    FOR EACH STATEMENT EXECUTE FUNCTION riskmap_bump_data_version();
                CREATE TRIGGER tr_hazards_data_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON hazards
                    FOR EACH STATEMENT EXECUTE FUNCTION riskmap_bump_data_version();
                """);
        }
    }
}
