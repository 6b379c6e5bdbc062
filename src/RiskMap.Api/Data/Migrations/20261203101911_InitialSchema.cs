using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using NetTopologySuite.Geometries;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace RiskMap.Api.Data.Migrations
{
    /// <summary>
    /// The whole schema: EF Core's model, and before and after its tables the database scripts of
    /// <see cref="DatabaseScripts.InitialBeforeTables"/> and <see cref="DatabaseScripts.InitialAfterTables"/> (Data/Sql).
    /// </summary>
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:postgis", ",,");

            migrationBuilder.ApplyDatabaseScripts(DatabaseScripts.InitialBeforeTables);

            migrationBuilder.CreateTable(
                name: "audit_log",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    user_id = table.Column<string>(type: "text", nullable: true),
                    user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    action = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    entity_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    entity_id = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    before = table.Column<string>(type: "jsonb", nullable: true),
                    after = table.Column<string>(type: "jsonb", nullable: true),
                    note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    authenticated_by = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    session_id = table.Column<Guid>(type: "uuid", nullable: true),
                    api_token_id = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_log", x => x.id);
                    table.CheckConstraint("ck_audit_log_authenticated_by", "authenticated_by IS NOT NULL AND (authenticated_by = 'Session' AND session_id IS NOT NULL AND api_token_id IS NULL OR authenticated_by = 'ApiToken' AND api_token_id IS NOT NULL AND session_id IS NULL OR authenticated_by = 'System' AND user_id IS NULL AND session_id IS NULL AND api_token_id IS NULL)");
                });

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
                name: "roles",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    concurrency_stamp = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_roles", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "users",
                columns: table => new
                {
                    id = table.Column<string>(type: "text", nullable: false),
                    display_name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    department_code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_user_name = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    normalized_email = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    email_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    password_hash = table.Column<string>(type: "text", nullable: true),
                    security_stamp = table.Column<string>(type: "text", nullable: true),
                    concurrency_stamp = table.Column<string>(type: "text", nullable: true),
                    phone_number = table.Column<string>(type: "text", nullable: true),
                    phone_number_confirmed = table.Column<bool>(type: "boolean", nullable: false),
                    two_factor_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    lockout_end = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    lockout_enabled = table.Column<bool>(type: "boolean", nullable: false),
                    access_failed_count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_users", x => x.id);
                    table.ForeignKey(
                        name: "fk_users_departments_department_code",
                        column: x => x.department_code,
                        principalTable: "departments",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Restrict);
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
                name: "role_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    role_id = table.Column<string>(type: "text", nullable: false),
                    claim_type = table.Column<string>(type: "text", nullable: true),
                    claim_value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_role_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_role_claims_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "api_tokens",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    user_id = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    prefix = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_tokens", x => x.id);
                    table.ForeignKey(
                        name: "fk_api_tokens_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_claims",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    user_id = table.Column<string>(type: "text", nullable: false),
                    claim_type = table.Column<string>(type: "text", nullable: true),
                    claim_value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_user_claims_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_logins",
                columns: table => new
                {
                    login_provider = table.Column<string>(type: "text", nullable: false),
                    provider_key = table.Column<string>(type: "text", nullable: false),
                    provider_display_name = table.Column<string>(type: "text", nullable: true),
                    user_id = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_logins", x => new { x.login_provider, x.provider_key });
                    table.ForeignKey(
                        name: "fk_user_logins_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "user_roles",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "text", nullable: false),
                    role_id = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_roles", x => new { x.user_id, x.role_id });
                    table.ForeignKey(
                        name: "fk_user_roles_roles_role_id",
                        column: x => x.role_id,
                        principalTable: "roles",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_user_roles_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

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

            migrationBuilder.CreateTable(
                name: "user_tokens",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "text", nullable: false),
                    login_provider = table.Column<string>(type: "text", nullable: false),
                    name = table.Column<string>(type: "text", nullable: false),
                    value = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_tokens", x => new { x.user_id, x.login_provider, x.name });
                    table.ForeignKey(
                        name: "fk_user_tokens_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
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
                name: "user_townships",
                columns: table => new
                {
                    user_id = table.Column<string>(type: "text", nullable: false),
                    township_code = table.Column<string>(type: "character varying(9)", maxLength: 9, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_user_townships", x => new { x.user_id, x.township_code });
                    table.ForeignKey(
                        name: "fk_user_townships_townships_township_code",
                        column: x => x.township_code,
                        principalTable: "townships",
                        principalColumn: "code",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_user_townships_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "enforcement_actions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    reference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
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
                    reference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
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
                    reference = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    enterprise_id = table.Column<long>(type: "bigint", nullable: false),
                    inspection_id = table.Column<long>(type: "bigint", nullable: true),
                    sector = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    level = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    description = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    found_on = table.Column<DateOnly>(type: "date", nullable: false),
                    deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    rectifying_on = table.Column<DateOnly>(type: "date", nullable: true),
                    rectified_on = table.Column<DateOnly>(type: "date", nullable: true),
                    closed_on = table.Column<DateOnly>(type: "date", nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    responsible_person = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    supervised = table.Column<bool>(type: "boolean", nullable: false),
                    deadline_extended = table.Column<bool>(type: "boolean", nullable: false, defaultValue: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_hazards", x => x.id);
                    table.CheckConstraint("ck_hazards_closed", "closed_on IS NULL OR closed_on >= coalesce(rectified_on, found_on)");
                    table.CheckConstraint("ck_hazards_deadline", "deadline >= found_on");
                    table.CheckConstraint("ck_hazards_rectified", "rectified_on IS NULL OR rectified_on >= found_on");
                    table.CheckConstraint("ck_hazards_rectifying", "rectifying_on IS NULL OR (rectifying_on >= found_on AND rectifying_on <= coalesce(rectified_on, closed_on, rectifying_on))");
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

            migrationBuilder.CreateTable(
                name: "deadline_extensions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    hazard_id = table.Column<long>(type: "bigint", nullable: false),
                    extended_on = table.Column<DateOnly>(type: "date", nullable: false),
                    previous_deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    new_deadline = table.Column<DateOnly>(type: "date", nullable: false),
                    reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_deadline_extensions", x => x.id);
                    table.CheckConstraint("ck_deadline_extensions_later", "new_deadline > previous_deadline");
                    table.ForeignKey(
                        name: "fk_deadline_extensions_hazards_hazard_id",
                        column: x => x.hazard_id,
                        principalTable: "hazards",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_api_tokens_token_hash",
                table: "api_tokens",
                column: "token_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_api_tokens_user_id",
                table: "api_tokens",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_at",
                table: "audit_log",
                column: "at");

            migrationBuilder.CreateIndex(
                name: "ix_audit_log_entity_type_entity_id_id",
                table: "audit_log",
                columns: new[] { "entity_type", "entity_id", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_deadline_extensions_hazard_id_extended_on",
                table: "deadline_extensions",
                columns: new[] { "hazard_id", "extended_on" });

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
                name: "ix_role_claims_role_id",
                table: "role_claims",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "RoleNameIndex",
                table: "roles",
                column: "normalized_name",
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

            migrationBuilder.CreateIndex(
                name: "ix_user_claims_user_id",
                table: "user_claims",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_user_logins_user_id",
                table: "user_logins",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_user_roles_role_id",
                table: "user_roles",
                column: "role_id");

            migrationBuilder.CreateIndex(
                name: "ix_user_sessions_user_id",
                table: "user_sessions",
                column: "user_id");

            migrationBuilder.CreateIndex(
                name: "ix_user_townships_township_code",
                table: "user_townships",
                column: "township_code");

            migrationBuilder.CreateIndex(
                name: "EmailIndex",
                table: "users",
                column: "normalized_email");

            migrationBuilder.CreateIndex(
                name: "ix_users_department_code",
                table: "users",
                column: "department_code");

            migrationBuilder.CreateIndex(
                name: "UserNameIndex",
                table: "users",
                column: "normalized_user_name",
                unique: true);

            migrationBuilder.ApplyDatabaseScripts(DatabaseScripts.InitialAfterTables);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // What the scripts made: the tables only SQL reads, then every riskmap_ function with its triggers (CASCADE).
            migrationBuilder.Sql("""
                DROP TABLE IF EXISTS township_parts, township_enterprise_counts, riskmap_data_versions;
                DO $$
                DECLARE f regprocedure;
                BEGIN
                    FOR f IN SELECT p.oid::regprocedure FROM pg_proc p
                             WHERE p.pronamespace = current_schema()::regnamespace AND p.proname LIKE 'riskmap\_%'
                    LOOP
                        EXECUTE format('DROP FUNCTION %s CASCADE', f);
                    END LOOP;
                END $$;
                """);

            migrationBuilder.DropTable(
                name: "api_tokens");

            migrationBuilder.DropTable(
                name: "audit_log");

            migrationBuilder.DropTable(
                name: "deadline_extensions");

            migrationBuilder.DropTable(
                name: "enforcement_actions");

            migrationBuilder.DropTable(
                name: "leader_assignments");

            migrationBuilder.DropTable(
                name: "role_claims");

            migrationBuilder.DropTable(
                name: "user_claims");

            migrationBuilder.DropTable(
                name: "user_logins");

            migrationBuilder.DropTable(
                name: "user_roles");

            migrationBuilder.DropTable(
                name: "user_sessions");

            migrationBuilder.DropTable(
                name: "user_tokens");

            migrationBuilder.DropTable(
                name: "user_townships");

            migrationBuilder.DropTable(
                name: "hazards");

            migrationBuilder.DropTable(
                name: "roles");

            migrationBuilder.DropTable(
                name: "users");

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
        }
    }
}
