using Microsoft.EntityFrameworkCore;

namespace RiskMap.Api.Data;

/// <summary>
/// The service's database: PostgreSQL with PostGIS, snake_case names, geometry columns in SRID 4326.
/// Mapping lives in one <see cref="IEntityTypeConfiguration{TEntity}"/> per entity under Configurations/.
/// </summary>
public class RiskMapDbContext(DbContextOptions<RiskMapDbContext> options) : DbContext(options)
{
    /// <summary>Districts.</summary>
    public DbSet<District> Districts => Set<District>();
    /// <summary>Townships.</summary>
    public DbSet<Township> Townships => Set<Township>();
    /// <summary>Supervising departments.</summary>
    public DbSet<Department> Departments => Set<Department>();
    /// <summary>Enterprises.</summary>
    public DbSet<Enterprise> Enterprises => Set<Enterprise>();
    /// <summary>Inspections.</summary>
    public DbSet<Inspection> Inspections => Set<Inspection>();
    /// <summary>Hazards.</summary>
    public DbSet<Hazard> Hazards => Set<Hazard>();
    /// <summary>Enforcement actions.</summary>
    public DbSet<EnforcementAction> EnforcementActions => Set<EnforcementAction>();
    /// <summary>District leaders covering townships.</summary>
    public DbSet<LeaderAssignment> LeaderAssignments => Set<LeaderAssignment>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasPostgresExtension("postgis");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(RiskMapDbContext).Assembly);
    }

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name so that rows read well in psql and in exports.
        configurationBuilder.Properties<Domain.TownshipKind>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<Domain.HazardLevel>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<Domain.HazardStatus>().HaveConversion<string>().HaveMaxLength(16);
        configurationBuilder.Properties<Domain.EnforcementKind>().HaveConversion<string>().HaveMaxLength(16);
    }
}
