using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RiskMap.Api.Data.Migrations
{
    /// <summary>
    /// pgRouting and the district road networks the route planner routes on: the script of
    /// <see cref="DatabaseScripts.RoadNetwork"/> (Data/Sql/road_vertices.sql, road_edges.sql, road_class_speeds.sql). Not in EF Core's model: only SQL reads them.
    /// </summary>
    public partial class RoadNetwork : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
            => migrationBuilder.ApplyDatabaseScripts(DatabaseScripts.RoadNetwork);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
            => migrationBuilder.Sql("""
                DROP TABLE road_class_speeds;
                DROP TABLE road_edges;
                DROP TABLE road_vertices;
                DROP EXTENSION IF EXISTS pgrouting;
                """);
    }
}
