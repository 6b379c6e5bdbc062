using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RiskMap.Api.Data.Migrations
{
    /// <summary>
    /// Gives every inspection, hazard and enforcement action a reference (Domain/RecordReferences.cs): a BEFORE INSERT
    /// trigger assigns RM-INS-{id}, RM-HZ-{id} or RM-ENF-{id} to a row that arrives without one (recorded through the API,
    /// or imported with an empty reference), older rows are back-filled the same way, and the column becomes NOT NULL.
    /// Exports then name every record, so that an export imported back updates the stored rows instead of adding copies.
    /// </summary>
    public partial class StableRecordReferences : Migration
    {
        private static readonly (string Table, string Prefix)[] Tables =
            [("inspections", "RM-INS-"), ("hazards", "RM-HZ-"), ("enforcement_actions", "RM-ENF-")];

        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Identity values are filled in before BEFORE triggers run, so NEW.id is known here. Also on UPDATE, so that
            // the reference cannot be cleared back to NULL.
            migrationBuilder.Sql("""
                CREATE FUNCTION riskmap_assign_reference() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.reference IS NULL THEN
                        NEW.reference := TG_ARGV[0] || NEW.id;
                    END IF;
                    RETURN NEW;
                END
                $$;
                """);
            foreach (var (table, prefix) in Tables)
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER {table}_assign_reference BEFORE INSERT OR UPDATE OF reference ON {table}
                    FOR EACH ROW EXECUTE FUNCTION riskmap_assign_reference('{prefix}');
                    UPDATE {table} SET reference = '{prefix}' || id WHERE reference IS NULL;
                    """);
                migrationBuilder.AlterColumn<string>(
                    name: "reference",
                    table: table,
                    type: "character varying(64)",
                    maxLength: 64,
                    nullable: false,
                    oldClrType: typeof(string),
                    oldType: "character varying(64)",
                    oldMaxLength: 64,
                    oldNullable: true);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The assigned references stay: they are valid references of the records.
            foreach (var (table, _) in Tables)
            {
                migrationBuilder.Sql($"DROP TRIGGER {table}_assign_reference ON {table};");
                migrationBuilder.AlterColumn<string>(
                    name: "reference",
                    table: table,
                    type: "character varying(64)",
                    maxLength: 64,
                    nullable: true,
                    oldClrType: typeof(string),
                    oldType: "character varying(64)",
                    oldMaxLength: 64);
            }
            migrationBuilder.Sql("DROP FUNCTION riskmap_assign_reference();");
        }
    }
}
