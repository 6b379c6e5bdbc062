using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RiskMap.Api.Data.Migrations
{
    /// <summary>
    /// The hazard rules of a day as database functions (open, status, deadline in force, overdue), each applied from its
    /// one current definition in Data/Sql (<see cref="DatabaseScripts.HazardDayRules"/>); the queries call them instead of
    /// repeating the expressions, and the planner inlines them back into those expressions and their indexes.
    /// </summary>
    public partial class HazardDayRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var name in DatabaseScripts.HazardDayRules) migrationBuilder.Sql(DatabaseScripts.Read(name));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP FUNCTION IF EXISTS riskmap_hazard_overdue_on(hazards, date);
                DROP FUNCTION IF EXISTS riskmap_hazard_deadline_on(hazards, date);
                DROP FUNCTION IF EXISTS riskmap_hazard_extended_deadline_on(bigint, date, date);
                DROP FUNCTION IF EXISTS riskmap_hazard_status_on(hazards, date);
                DROP FUNCTION IF EXISTS riskmap_hazard_open_on(hazards, date);
                DROP FUNCTION IF EXISTS riskmap_hazard_open_until(hazards);
                """);
        }
    }
}
