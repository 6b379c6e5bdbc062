using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using NetTopologySuite.Geometries;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace RiskMap.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class ScheduleDepots : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<TimeOnly>(
                name: "closes_at",
                table: "enterprises",
                type: "time without time zone",
                nullable: true);

            migrationBuilder.AddColumn<TimeOnly>(
                name: "opens_at",
                table: "enterprises",
                type: "time without time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "depots",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    district_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    township_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: true),
                    location = table.Column<Point>(type: "geometry(Point,4326)", nullable: false),
                    source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_depots", x => x.id);
                    table.ForeignKey(
                        name: "fk_depots_districts_district_code",
                        column: x => x.district_code,
                        principalTable: "districts",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_depots_townships_township_code",
                        column: x => x.township_code,
                        principalTable: "townships",
                        principalColumn: "code",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "schedule_settings",
                columns: table => new
                {
                    district_code = table.Column<string>(type: "character varying(6)", maxLength: 6, nullable: false),
                    holidays = table.Column<List<DateOnly>>(type: "date[]", nullable: false),
                    working_weekend_days = table.Column<List<DateOnly>>(type: "date[]", nullable: false),
                    cadence_rules = table.Column<string>(type: "jsonb", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_schedule_settings", x => x.district_code);
                    table.ForeignKey(
                        name: "fk_schedule_settings_districts_district_code",
                        column: x => x.district_code,
                        principalTable: "districts",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_enterprises_opening_hours",
                table: "enterprises",
                sql: "(opens_at IS NULL) = (closes_at IS NULL) AND (opens_at IS NULL OR opens_at < closes_at)");

            migrationBuilder.CreateIndex(
                name: "ix_depots_district_code_name",
                table: "depots",
                columns: new[] { "district_code", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_depots_township_code",
                table: "depots",
                column: "township_code");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "depots");

            migrationBuilder.DropTable(
                name: "schedule_settings");

            migrationBuilder.DropCheckConstraint(
                name: "ck_enterprises_opening_hours",
                table: "enterprises");

            migrationBuilder.DropColumn(
                name: "closes_at",
                table: "enterprises");

            migrationBuilder.DropColumn(
                name: "opens_at",
                table: "enterprises");
        }
    }
}
