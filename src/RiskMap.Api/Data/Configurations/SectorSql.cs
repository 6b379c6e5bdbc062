using RiskMap.Api.Domain;

namespace RiskMap.Api.Data.Configurations;

/// <summary>SQL fragments derived from <see cref="Sector.All"/>, so the database and the code agree on the sector list.</summary>
internal static class SectorSql
{
    public static string CheckConstraint(string column)
        => $"{column} IN ({string.Join(", ", Sector.All.Select(s => $"'{s.Code}'"))})";
}
