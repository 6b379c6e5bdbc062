using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace RiskMap.Api.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the model without starting the service. Adding a migration does not
/// connect, so the connection string only needs to parse; <c>dotnet ef database update</c> is not used (the
/// service applies migrations at start-up).
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<RiskMapDbContext>
{
    public RiskMapDbContext CreateDbContext(string[] args) => new(new DbContextOptionsBuilder<RiskMapDbContext>()
        .UseNpgsql("Host=127.0.0.1;Database=riskmap_design", npgsql => npgsql.UseNetTopologySuite())
        .UseSnakeCaseNamingConvention()
        .Options);
}
