using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RiskMap.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class SessionsAndAuditAuthentication : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "api_token_id",
                table: "audit_log",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "authenticated_by",
                table: "audit_log",
                type: "character varying(16)",
                maxLength: 16,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "session_id",
                table: "audit_log",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "user_sessions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_sessions", x => x.id);
                    table.ForeignKey(
                        name: "fk_user_sessions_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_user_sessions_user_id",
                table: "user_sessions",
                column: "user_id");

            // Every new audit row says how its change was authenticated, with the session or token id to match. NOT
            // VALID leaves the rows written before this was recorded as they are (the table refuses updates anyway) and
            // checks every row inserted from now on.
            migrationBuilder.Sql("""
                ALTER TABLE audit_log ADD CONSTRAINT ck_audit_log_authenticated_by CHECK (
                    authenticated_by IS NOT NULL AND (
                        authenticated_by = 'Session' AND session_id IS NOT NULL AND api_token_id IS NULL
                        OR authenticated_by = 'ApiToken' AND api_token_id IS NOT NULL AND session_id IS NULL
                        OR authenticated_by = 'System' AND user_id IS NULL AND session_id IS NULL AND api_token_id IS NULL)
                ) NOT VALID;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("ALTER TABLE audit_log DROP CONSTRAINT ck_audit_log_authenticated_by;");

            migrationBuilder.DropTable(
                name: "user_sessions");

            migrationBuilder.DropColumn(
                name: "api_token_id",
                table: "audit_log");

            migrationBuilder.DropColumn(
                name: "authenticated_by",
                table: "audit_log");

            migrationBuilder.DropColumn(
                name: "session_id",
                table: "audit_log");
        }
    }
}
