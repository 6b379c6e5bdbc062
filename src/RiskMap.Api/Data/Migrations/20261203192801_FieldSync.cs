using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RiskMap.Api.Data.Migrations
{
    /// <summary>
    /// The phone page's sync: idempotency keys of writes, the inspectors' team assignments and the GPS positions of
    /// inspections, the scripts of <see cref="DatabaseScripts.FieldSync"/> (Data/Sql). Not in EF Core's model: only SQL
    /// reads them.
    /// </summary>
    public partial class FieldSync : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
            => migrationBuilder.ApplyDatabaseScripts(DatabaseScripts.FieldSync);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
            => migrationBuilder.Sql("""
                DROP TABLE inspection_positions;
                DROP TABLE field_assignments;
                DROP TABLE idempotency_keys;
                """);
    }
}
