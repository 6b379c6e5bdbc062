using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace RiskMap.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class BoundaryOutlines : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "outline_from_townships",
                table: "districts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            // Districts the township import created carry the union of their townships as their outline.
            // (Only when there are such districts: an UPDATE of no row would still move the data version of an empty database.)
            migrationBuilder.Sql("""
                DO $$
                BEGIN
                    IF EXISTS (SELECT 1 FROM districts WHERE boundary_source = 'union of the imported townships') THEN
                        UPDATE districts SET outline_from_townships = true WHERE boundary_source = 'union of the imported townships';
                    END IF;
                END $$
                """);

            migrationBuilder.CreateTable(
                name: "import_runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    department_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    rows = table.Column<int>(type: "integer", nullable: false),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    demo = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_import_runs", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_import_runs_kind_department_code_finished_at",
                table: "import_runs",
                columns: new[] { "kind", "department_code", "finished_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "import_runs");

            migrationBuilder.DropColumn(
                name: "outline_from_townships",
                table: "districts");
        }
    }
}
