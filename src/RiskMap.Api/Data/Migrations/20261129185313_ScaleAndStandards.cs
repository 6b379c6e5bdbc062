using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RiskMap.Api.Data.Migrations
{
    /// <summary>
    /// What serving a prefecture (1,000,000 enterprises, 3,000,000 hazards) needs beyond the initial schema, all
    /// in SQL because EF Core models none of it:
    /// <list type="bullet">
    /// <item><c>township_parts</c>: every township boundary cut by ST_Subdivide into pieces of at most 64 vertices
    /// (GiST ix_township_parts_part), kept in step by a trigger; riskmap_township_of (enterprise → township) tests
    /// ST_Covers against the pieces, whose small bounding boxes let the index discard most of a large, detailed
    /// official boundary. Same rule as before: ST_Covers, lowest code on a shared border.</item>
    /// <item><c>riskmap_data_version</c>: one row whose version is bumped by a statement-level trigger on every write
    /// to districts, townships, enterprises or hazards; tiles use it in their ETag.</item>
    /// <item>ix_hazards_open_until: hazards by the day they stopped being open (least of rectified_on and closed_on,
    /// infinity while open), then found_on, covering enterprise_id, level, deadline, sector,
    /// rectified_on and closed_on (index-only scans need the expression's own columns). The as-of rule
    /// (HazardSql.OpenAsOf) is written on that same expression, so "open on day d" is an index range
    /// (open_until &gt; d) instead of a scan of every hazard.</item>
    /// </list>
    /// </summary>
    public partial class ScaleAndStandards : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE TABLE township_parts (
                    township_code varchar(9) NOT NULL REFERENCES townships (code) ON DELETE CASCADE,
                    part geometry(Polygon, 4326) NOT NULL
                );
                CREATE INDEX ix_township_parts_part ON township_parts USING gist (part);
                CREATE INDEX ix_township_parts_township_code ON township_parts (township_code);

                CREATE FUNCTION riskmap_townships_subdivide() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    DELETE FROM township_parts WHERE township_code = NEW.code;
                    INSERT INTO township_parts (township_code, part)
                    SELECT NEW.code, d.geom FROM ST_Subdivide(NEW.boundary, 64) AS s(g), ST_Dump(s.g) AS d;
                    RETURN NULL;
                END $$;

                CREATE TRIGGER tr_townships_subdivide
                    AFTER INSERT OR UPDATE OF boundary ON townships
                    FOR EACH ROW EXECUTE FUNCTION riskmap_townships_subdivide();

                INSERT INTO township_parts (township_code, part)
                SELECT t.code, d.geom FROM townships t, ST_Subdivide(t.boundary, 64) AS s(g), ST_Dump(s.g) AS d;

                CREATE OR REPLACE FUNCTION riskmap_township_of(p geometry) RETURNS varchar
                LANGUAGE sql STABLE PARALLEL SAFE AS $$
                    SELECT tp.township_code FROM township_parts tp WHERE ST_Covers(tp.part, p) ORDER BY tp.township_code LIMIT 1
                $$;

                CREATE TABLE riskmap_data_version (
                    id boolean PRIMARY KEY DEFAULT true CHECK (id),
                    version bigint NOT NULL,
                    changed_at timestamptz NOT NULL
                );
                INSERT INTO riskmap_data_version (id, version, changed_at) VALUES (true, 1, now());

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

                CREATE INDEX ix_hazards_open_until ON hazards ((coalesce(least(rectified_on, closed_on), 'infinity'::date)), found_on)
                    INCLUDE (enterprise_id, level, deadline, sector, rectified_on, closed_on);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP INDEX IF EXISTS ix_hazards_open_until;
                DROP TRIGGER IF EXISTS tr_hazards_data_version ON hazards;
                DROP TRIGGER IF EXISTS tr_enterprises_data_version ON enterprises;
                DROP TRIGGER IF EXISTS tr_townships_data_version ON townships;
                DROP TRIGGER IF EXISTS tr_districts_data_version ON districts;
                DROP FUNCTION IF EXISTS riskmap_bump_data_version();
                DROP TABLE IF EXISTS riskmap_data_version;
                CREATE OR REPLACE FUNCTION riskmap_township_of(p geometry) RETURNS varchar
                LANGUAGE sql STABLE PARALLEL SAFE AS $$
                    SELECT t.code FROM townships t WHERE ST_Covers(t.boundary, p) ORDER BY t.code LIMIT 1
                $$;
                DROP TRIGGER IF EXISTS tr_townships_subdivide ON townships;
                DROP FUNCTION IF EXISTS riskmap_townships_subdivide();
                DROP TABLE IF EXISTS township_parts;
                """);
        }
    }
}
