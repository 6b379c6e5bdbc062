using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RiskMap.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class DemoMarking : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "demo",
                table: "districts",
                type: "boolean",
                nullable: false,
                defaultValue: false);
            // A database loaded before this version: the demo district is 431103 with the demo's illustrative townships
            // (a real district's townships are official boundaries). Only when there is one: an UPDATE, even of no row,
            // fires the statement triggers that move the data version.
            migrationBuilder.Sql("""
                DO $$
                BEGIN
                    IF EXISTS (SELECT 1 FROM townships t WHERE t.district_code = '431103' AND t.illustrative) THEN
                        UPDATE districts SET demo = true WHERE code = '431103';
                    END IF;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "demo",
                table: "districts");
        }
    }
}
