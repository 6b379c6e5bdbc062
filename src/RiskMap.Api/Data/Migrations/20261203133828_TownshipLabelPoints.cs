using Microsoft.EntityFrameworkCore.Migrations;
using NetTopologySuite.Geometries;

#nullable disable

namespace RiskMap.Api.Data.Migrations
{
    /// <inheritdoc />
    public partial class TownshipLabelPoints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Point>(
                name: "label_point",
                table: "townships",
                type: "geometry(Point,4326)",
                nullable: true,
                computedColumnSql: "(ST_MaximumInscribedCircle(boundary)).center",
                stored: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "label_point",
                table: "townships");
        }
    }
}
