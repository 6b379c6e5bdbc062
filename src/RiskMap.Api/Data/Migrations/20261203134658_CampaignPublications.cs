using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace RiskMap.Api.Data.Migrations
{
    /// <summary>
    /// The published campaign bulletins and the versions of their records, append-only: the scripts of
    /// <see cref="DatabaseScripts.CampaignPublications"/> (Data/Sql). Not in EF Core's model: only SQL reads them.
    /// </summary>
    public partial class CampaignPublications : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
            => migrationBuilder.ApplyDatabaseScripts(DatabaseScripts.CampaignPublications);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
            => migrationBuilder.Sql("""
                DROP TABLE campaign_publication_records;
                DROP TABLE campaign_publications;
                DROP FUNCTION riskmap_campaign_publications_are_immutable();
                """);
    }
}
