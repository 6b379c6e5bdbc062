using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RiskMap.Api.Data.Migrations
{
    /// <summary>
    /// The notification inbox, the robot webhooks, their deliveries and every attempt: the scripts of
    /// <see cref="DatabaseScripts.Notifications"/> (Data/Sql). Not in EF Core's model: only SQL reads them.
    /// </summary>
    public partial class Notifications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
            => migrationBuilder.ApplyDatabaseScripts(DatabaseScripts.Notifications);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
            => migrationBuilder.Sql("""
                DROP TABLE webhook_attempts;
                DROP TABLE webhook_deliveries;
                DROP TABLE notification_webhooks;
                DROP TABLE notifications;
                """);
    }
}
