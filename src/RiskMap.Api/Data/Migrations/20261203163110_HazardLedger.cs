using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace RiskMap.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class HazardLedger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "close_document_number",
                table: "hazards",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "criterion_clause",
                table: "hazards",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "plan_completion_on",
                table: "hazards",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "plan_funds_yuan",
                table: "hazards",
                type: "numeric(14,2)",
                precision: 14,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "plan_interim_measures",
                table: "hazards",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "plan_measures",
                table: "hazards",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "plan_owner",
                table: "hazards",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "rectified_by",
                table: "hazards",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "source",
                table: "hazards",
                type: "character varying(64)",
                maxLength: 64,
                nullable: false,
                defaultValue: "DepartmentInspection");

            migrationBuilder.AddColumn<string>(
                name: "supervising_unit",
                table: "hazards",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "supervision_delisted_on",
                table: "hazards",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "supervision_level",
                table: "hazards",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "supervision_listed_on",
                table: "hazards",
                type: "date",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "extension_requests",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    hazard_id = table.Column<long>(type: "bigint", nullable: false),
                    requested_deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    beyond_one_year_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    requested_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    state = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    decided_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decision_reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_extension_requests", x => x.id);
                    table.ForeignKey(
                        name: "fk_extension_requests_hazards_hazard_id",
                        column: x => x.hazard_id,
                        principalTable: "hazards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "hazard_acceptances",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    hazard_id = table.Column<long>(type: "bigint", nullable: false),
                    accepted_on = table.Column<DateOnly>(type: "date", nullable: false),
                    result = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    document_number = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    accepted_by = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    recorded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hazard_acceptances", x => x.id);
                    table.CheckConstraint("ck_hazard_acceptances_pass_document", "result <> 'Pass' OR document_number IS NOT NULL");
                    table.ForeignKey(
                        name: "fk_hazard_acceptances_hazards_hazard_id",
                        column: x => x.hazard_id,
                        principalTable: "hazards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.AddCheckConstraint(
                name: "ck_hazards_plan_funds",
                table: "hazards",
                sql: "plan_funds_yuan IS NULL OR plan_funds_yuan >= 0");

            migrationBuilder.AddCheckConstraint(
                name: "ck_hazards_supervision_delisted",
                table: "hazards",
                sql: "supervision_delisted_on IS NULL OR supervision_delisted_on >= supervision_listed_on");

            migrationBuilder.CreateIndex(
                name: "ux_extension_requests_pending",
                table: "extension_requests",
                column: "hazard_id",
                unique: true,
                filter: "state = 'Pending'");

            migrationBuilder.CreateIndex(
                name: "ix_hazard_acceptances_hazard_id",
                table: "hazard_acceptances",
                column: "hazard_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "extension_requests");

            migrationBuilder.DropTable(
                name: "hazard_acceptances");

            migrationBuilder.DropCheckConstraint(
                name: "ck_hazards_plan_funds",
                table: "hazards");

            migrationBuilder.DropCheckConstraint(
                name: "ck_hazards_supervision_delisted",
                table: "hazards");

            migrationBuilder.DropColumn(
                name: "close_document_number",
                table: "hazards");

            migrationBuilder.DropColumn(
                name: "criterion_clause",
                table: "hazards");

            migrationBuilder.DropColumn(
                name: "plan_completion_on",
                table: "hazards");

            migrationBuilder.DropColumn(
                name: "plan_funds_yuan",
                table: "hazards");

            migrationBuilder.DropColumn(
                name: "plan_interim_measures",
                table: "hazards");

            migrationBuilder.DropColumn(
                name: "plan_measures",
                table: "hazards");

            migrationBuilder.DropColumn(
                name: "plan_owner",
                table: "hazards");

            migrationBuilder.DropColumn(
                name: "rectified_by",
                table: "hazards");

            migrationBuilder.DropColumn(
                name: "source",
                table: "hazards");

            migrationBuilder.DropColumn(
                name: "supervising_unit",
                table: "hazards");

            migrationBuilder.DropColumn(
                name: "supervision_delisted_on",
                table: "hazards");

            migrationBuilder.DropColumn(
                name: "supervision_level",
                table: "hazards");

            migrationBuilder.DropColumn(
                name: "supervision_listed_on",
                table: "hazards");
        }
    }
}
