using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NetTopologySuite.Geometries;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace RiskMap.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class EnterpriseSearchAndErrorReports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The search box (Features/Search/SearchQueries.cs): substring (ILIKE '%…%') and similarity (%) matches of names
            // and addresses through trigram GIN indexes. Raw SQL: the model does not know pg_trgm's operator classes.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS ix_enterprises_name_trgm ON enterprises USING gin (name gin_trgm_ops);");
            migrationBuilder.Sql("CREATE INDEX IF NOT EXISTS ix_enterprises_address_trgm ON enterprises USING gin (address gin_trgm_ops);");

            migrationBuilder.CreateTable(
                name: "error_reports",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    subject = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    enterprise_id = table.Column<long>(type: "bigint", nullable: true),
                    hazard_id = table.Column<long>(type: "bigint", nullable: true),
                    township_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true),
                    text = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    proposed_location = table.Column<Point>(type: "geometry(Point,4326)", nullable: true),
                    reporter_id = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    reporter_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    reported_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    decision_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    decided_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_error_reports", x => x.id);
                    table.CheckConstraint("ck_error_reports_decision", "(status = 'Open' AND decided_at IS NULL) OR (status <> 'Open' AND decided_at IS NOT NULL AND decided_by IS NOT NULL AND (status <> 'Rejected' OR decision_reason IS NOT NULL))");
                    table.CheckConstraint("ck_error_reports_subject", "(subject = 'Enterprise' AND enterprise_id IS NOT NULL AND hazard_id IS NULL AND township_code IS NULL) OR (subject = 'Hazard' AND enterprise_id IS NOT NULL AND hazard_id IS NOT NULL AND township_code IS NULL) OR (subject = 'Township' AND enterprise_id IS NULL AND hazard_id IS NULL AND township_code IS NOT NULL)");
                    table.ForeignKey(
                        name: "fk_error_reports_enterprises_enterprise_id",
                        column: x => x.enterprise_id,
                        principalTable: "enterprises",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_error_reports_hazards_hazard_id",
                        column: x => x.hazard_id,
                        principalTable: "hazards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_error_reports_townships_township_code",
                        column: x => x.township_code,
                        principalTable: "townships",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_error_reports_enterprise_id",
                table: "error_reports",
                column: "enterprise_id");

            migrationBuilder.CreateIndex(
                name: "ix_error_reports_hazard_id",
                table: "error_reports",
                column: "hazard_id");

            migrationBuilder.CreateIndex(
                name: "ix_error_reports_reporter_id",
                table: "error_reports",
                column: "reporter_id");

            migrationBuilder.CreateIndex(
                name: "ix_error_reports_status_reported_at",
                table: "error_reports",
                columns: new[] { "status", "reported_at" });

            migrationBuilder.CreateIndex(
                name: "ix_error_reports_township_code",
                table: "error_reports",
                column: "township_code");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "error_reports");
            // pg_trgm stays: other objects may use it, and CREATE EXTENSION IF NOT EXISTS finds it on the way up again.
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_enterprises_address_trgm;");
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_enterprises_name_trgm;");
        }
    }
}
