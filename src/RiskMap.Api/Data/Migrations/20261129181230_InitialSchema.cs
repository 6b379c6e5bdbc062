using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using NetTopologySuite.Geometries;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace RiskMap.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:postgis", ",,");

            // GB 32100-2015 check character, used by ck_enterprises_credit_code; mirrors Domain/UnifiedSocialCreditCode.cs.
            migrationBuilder.Sql("""
                CREATE FUNCTION riskmap_credit_code_is_valid(code text) RETURNS boolean
                LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE AS $$
                DECLARE
                    alphabet constant text := '0123456789ABCDEFGHJKLMNPQRTUWXY';
                    weights constant int[] := ARRAY[1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
                    total int := 0;
                    v int;
                    c int;
                BEGIN
                    IF length(code) <> 18 THEN RETURN false; END IF;
                    FOR i IN 1..17 LOOP
                        v := strpos(alphabet, substr(code, i, 1)) - 1;
                        IF v < 0 THEN RETURN false; END IF;
                        total := total + v * weights[i];
                    END LOOP;
                    c := 31 - total % 31;
                    IF c = 31 THEN c := 0; END IF;
                    RETURN substr(alphabet, c + 1, 1) = substr(code, 18, 1);
                END $$;
                """);

            migrationBuilder.CreateTable(
                name: "departments",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    sectors = table.Column<List<string>>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_departments", x => x.code);
                    table.CheckConstraint("ck_departments_code", "code ~ '^[a-z][a-z0-9_]*$'");
                });

            migrationBuilder.CreateTable(
                name: "districts",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    boundary = table.Column<MultiPolygon>(type: "geometry(MultiPolygon,4326)", nullable: false),
                    boundary_source = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_districts", x => x.code);
                    table.CheckConstraint("ck_districts_code", "code ~ '^[0-9]{6}$'");
                });

            migrationBuilder.CreateTable(
                name: "townships",
                columns: table => new
                {
                    code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    district_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    boundary = table.Column<MultiPolygon>(type: "geometry(MultiPolygon,4326)", nullable: false),
                    illustrative = table.Column<bool>(type: "boolean", nullable: false),
                    boundary_source = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_townships", x => x.code);
                    table.CheckConstraint("ck_townships_boundary_valid", "ST_IsValid(boundary)");
                    table.CheckConstraint("ck_townships_code", "code ~ '^[0-9]{9}$' AND left(code, 6) = district_code");
                    table.ForeignKey(
                        name: "fk_townships_districts_district_code",
                        column: x => x.district_code,
                        principalTable: "districts",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "enterprises",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    credit_code = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    sector = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    above_scale = table.Column<bool>(type: "boolean", nullable: false),
                    address = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    department_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    location = table.Column<Point>(type: "geometry(Point,4326)", nullable: false),
                    township_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_enterprises", x => x.id);
                    table.CheckConstraint("ck_enterprises_credit_code", "riskmap_credit_code_is_valid(credit_code)");
                    table.CheckConstraint("ck_enterprises_location", "ST_X(location) BETWEEN -180 AND 180 AND ST_Y(location) BETWEEN -90 AND 90");
                    table.CheckConstraint("ck_enterprises_sector", "sector IN ('gas', 'fireworks', 'hazardous_chemicals', 'non_coal_mines', 'road_traffic', 'construction', 'fire_safety', 'industry_trade', 'special_equipment')");
                    table.ForeignKey(
                        name: "fk_enterprises_departments_department_code",
                        column: x => x.department_code,
                        principalTable: "departments",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_enterprises_townships_township_code",
                        column: x => x.township_code,
                        principalTable: "townships",
                        principalColumn: "code",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "leader_assignments",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    township_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false),
                    leader_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    leader_title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_leader_assignments", x => x.id);
                    table.ForeignKey(
                        name: "fk_leader_assignments_townships_township_code",
                        column: x => x.township_code,
                        principalTable: "townships",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "enforcement_actions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    reference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    enterprise_id = table.Column<long>(type: "bigint", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    amount_yuan = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_enforcement_actions", x => x.id);
                    table.CheckConstraint("ck_enforcement_actions_amount", "(kind = 'Fine' AND amount_yuan IS NOT NULL AND amount_yuan > 0) OR (kind <> 'Fine' AND amount_yuan IS NULL)");
                    table.ForeignKey(
                        name: "fk_enforcement_actions_enterprises_enterprise_id",
                        column: x => x.enterprise_id,
                        principalTable: "enterprises",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "inspections",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    reference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    enterprise_id = table.Column<long>(type: "bigint", nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    inspection_group = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    inspector_visits = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_inspections", x => x.id);
                    table.CheckConstraint("ck_inspections_visits", "inspector_visits >= 0");
                    table.ForeignKey(
                        name: "fk_inspections_enterprises_enterprise_id",
                        column: x => x.enterprise_id,
                        principalTable: "enterprises",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "hazards",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    reference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    enterprise_id = table.Column<long>(type: "bigint", nullable: false),
                    inspection_id = table.Column<long>(type: "bigint", nullable: true),
                    sector = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    found_on = table.Column<DateOnly>(type: "date", nullable: false),
                    deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    rectified_on = table.Column<DateOnly>(type: "date", nullable: true),
                    closed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    responsible_person = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    supervised = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hazards", x => x.id);
                    table.CheckConstraint("ck_hazards_closed", "closed_on IS NULL OR closed_on >= coalesce(rectified_on, found_on)");
                    table.CheckConstraint("ck_hazards_deadline", "deadline >= found_on");
                    table.CheckConstraint("ck_hazards_rectified", "rectified_on IS NULL OR rectified_on >= found_on");
                    table.CheckConstraint("ck_hazards_sector", "sector IN ('gas', 'fireworks', 'hazardous_chemicals', 'non_coal_mines', 'road_traffic', 'construction', 'fire_safety', 'industry_trade', 'special_equipment')");
                    table.CheckConstraint("ck_hazards_status_dates", "(status IN ('Open', 'Rectifying') AND rectified_on IS NULL AND closed_on IS NULL) OR (status = 'Rectified' AND rectified_on IS NOT NULL AND closed_on IS NULL) OR (status = 'Closed' AND closed_on IS NOT NULL)");
                    table.ForeignKey(
                        name: "fk_hazards_enterprises_enterprise_id",
                        column: x => x.enterprise_id,
                        principalTable: "enterprises",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_hazards_inspections_inspection_id",
                        column: x => x.inspection_id,
                        principalTable: "inspections",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateIndex(
                name: "ix_districts_boundary",
                table: "districts",
                column: "boundary")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_enforcement_actions_date_kind",
                table: "enforcement_actions",
                columns: new[] { "date", "kind" });

            migrationBuilder.CreateIndex(
                name: "ix_enforcement_actions_enterprise_id",
                table: "enforcement_actions",
                column: "enterprise_id");

            migrationBuilder.CreateIndex(
                name: "ix_enforcement_actions_reference",
                table: "enforcement_actions",
                column: "reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_enterprises_credit_code",
                table: "enterprises",
                column: "credit_code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_enterprises_department_code",
                table: "enterprises",
                column: "department_code");

            migrationBuilder.CreateIndex(
                name: "ix_enterprises_location",
                table: "enterprises",
                column: "location")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_enterprises_sector",
                table: "enterprises",
                column: "sector");

            migrationBuilder.CreateIndex(
                name: "ix_enterprises_township_code_sector",
                table: "enterprises",
                columns: new[] { "township_code", "sector" });

            migrationBuilder.CreateIndex(
                name: "ix_hazards_enterprise_id_found_on",
                table: "hazards",
                columns: new[] { "enterprise_id", "found_on" });

            migrationBuilder.CreateIndex(
                name: "ix_hazards_found_on",
                table: "hazards",
                column: "found_on");

            migrationBuilder.CreateIndex(
                name: "ix_hazards_inspection_id",
                table: "hazards",
                column: "inspection_id");

            migrationBuilder.CreateIndex(
                name: "ix_hazards_reference",
                table: "hazards",
                column: "reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_inspections_date",
                table: "inspections",
                column: "date");

            migrationBuilder.CreateIndex(
                name: "ix_inspections_enterprise_id_date",
                table: "inspections",
                columns: new[] { "enterprise_id", "date" });

            migrationBuilder.CreateIndex(
                name: "ix_inspections_reference",
                table: "inspections",
                column: "reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_leader_assignments_township_code_leader_name",
                table: "leader_assignments",
                columns: new[] { "township_code", "leader_name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_townships_boundary",
                table: "townships",
                column: "boundary")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_townships_district_code",
                table: "townships",
                column: "district_code");

            // Township of a point: the township whose boundary covers it (ST_Covers, so a point on an edge
            // counts), the lowest code winning when the point lies on a border shared by several. Uses
            // ix_townships_boundary (GiST).
            migrationBuilder.Sql("""
                CREATE FUNCTION riskmap_township_of(p geometry) RETURNS varchar
                LANGUAGE sql STABLE PARALLEL SAFE AS $$
                    SELECT t.code FROM townships t WHERE ST_Covers(t.boundary, p) ORDER BY t.code LIMIT 1
                $$;

                CREATE FUNCTION riskmap_enterprises_assign_township() RETURNS trigger
                LANGUAGE plpgsql AS $$
                BEGIN
                    NEW.township_code := riskmap_township_of(NEW.location);
                    RETURN NEW;
                END $$;

                CREATE TRIGGER tr_enterprises_assign_township
                    BEFORE INSERT OR UPDATE OF location, township_code ON enterprises
                    FOR EACH ROW EXECUTE FUNCTION riskmap_enterprises_assign_township();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS tr_enterprises_assign_township ON enterprises;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS riskmap_enterprises_assign_township();");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS riskmap_township_of(geometry);");

            migrationBuilder.DropTable(
                name: "enforcement_actions");

            migrationBuilder.DropTable(
                name: "hazards");

            migrationBuilder.DropTable(
                name: "leader_assignments");

            migrationBuilder.DropTable(
                name: "inspections");

            migrationBuilder.DropTable(
                name: "enterprises");

            migrationBuilder.DropTable(
                name: "departments");

            migrationBuilder.DropTable(
                name: "townships");

            migrationBuilder.DropTable(
                name: "districts");

            migrationBuilder.Sql("DROP FUNCTION IF EXISTS riskmap_credit_code_is_valid(text);");
        }
    }
}
