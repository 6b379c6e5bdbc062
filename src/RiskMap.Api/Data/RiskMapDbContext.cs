using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace RiskMap.Api.Data;

/// <summary>
/// The service's database: PostgreSQL with PostGIS, snake_case names, geometry columns in SRID 4326.
/// Mapping lives in one <see cref="IEntityTypeConfiguration{TEntity}"/> per entity under Configurations/; the ASP.NET
/// Core Identity tables (users, roles, claims, logins, tokens) live in the same database, and so do the ASP.NET Core
/// data-protection keys that sign cookies (<see cref="IDataProtectionKeyContext"/>), so that every instance reads the same.
/// </summary>
public class RiskMapDbContext(DbContextOptions<RiskMapDbContext> options)
    : IdentityDbContext<RiskMapUser, IdentityRole, string>(options), IDataProtectionKeyContext
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
    /// <summary>Townships bound to users.</summary>
    public DbSet<UserTownship> UserTownships => Set<UserTownship>();
    /// <summary>Personal API tokens.</summary>
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    /// <summary>Signed-in cookie sessions.</summary>
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    /// <summary>The append-only audit trail.</summary>
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    /// <summary>Deadline extensions of hazards.</summary>
    public DbSet<DeadlineExtension> DeadlineExtensions => Set<DeadlineExtension>();
    /// <summary>Error reports (纠错).</summary>
    public DbSet<ErrorReport> ErrorReports => Set<ErrorReport>();
    /// <summary>Photos and documents attached to hazards.</summary>
    public DbSet<Attachment> Attachments => Set<Attachment>();
    /// <summary>The stored bytes of attachments, one row per distinct SHA-256.</summary>
    public DbSet<AttachmentBlob> AttachmentBlobs => Set<AttachmentBlob>();
    /// <summary>Deadline extension requests of hazards.</summary>
    public DbSet<ExtensionRequest> ExtensionRequests => Set<ExtensionRequest>();
    /// <summary>Acceptances of hazards.</summary>
    public DbSet<HazardAcceptance> HazardAcceptances => Set<HazardAcceptance>();
    /// <summary>Committed imports (data-notes panel).</summary>
    public DbSet<ImportRun> ImportRuns => Set<ImportRun>();
    /// <summary>Districts' schedule settings (holidays, visiting cadence).</summary>
    public DbSet<ScheduleSetting> ScheduleSettings => Set<ScheduleSetting>();
    /// <summary>Named start and end places of inspection routes.</summary>
    public DbSet<Depot> Depots => Set<Depot>();
    /// <summary>Uploaded import files.</summary>
    public DbSet<ImportUploadRecord> ImportUploads => Set<ImportUploadRecord>();
    /// <summary>Import jobs.</summary>
    public DbSet<ImportJobRecord> ImportJobs => Set<ImportJobRecord>();
    /// <summary>Stored route plans.</summary>
    public DbSet<RoutePlanRecord> RoutePlans => Set<RoutePlanRecord>();
    /// <summary>ASP.NET Core data-protection keys (the key ring every instance signs and reads cookies with).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // Identity's tables in the same snake_case style as the rest of the schema.
        modelBuilder.Entity<RiskMapUser>().ToTable("users");
        modelBuilder.Entity<IdentityRole>().ToTable("roles");
        modelBuilder.Entity<IdentityUserRole<string>>().ToTable("user_roles");
        modelBuilder.Entity<IdentityUserClaim<string>>().ToTable("user_claims");
        modelBuilder.Entity<IdentityUserLogin<string>>().ToTable("user_logins");
        modelBuilder.Entity<IdentityUserToken<string>>().ToTable("user_tokens");
        modelBuilder.Entity<IdentityRoleClaim<string>>().ToTable("role_claims");
        modelBuilder.HasPostgresExtension("postgis");
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(RiskMapDbContext).Assembly);
    }

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name so that rows read well in psql and in exports.
        configurationBuilder.Properties<Domain.TownshipKind>().HaveConversion<string>().HaveMaxLength(Domain.FieldLengths.EnumName);
        configurationBuilder.Properties<Domain.HazardLevel>().HaveConversion<string>().HaveMaxLength(Domain.FieldLengths.EnumName);
        configurationBuilder.Properties<Domain.HazardStatus>().HaveConversion<string>().HaveMaxLength(Domain.FieldLengths.EnumName);
        configurationBuilder.Properties<Domain.EnforcementKind>().HaveConversion<string>().HaveMaxLength(Domain.FieldLengths.EnumName);
        configurationBuilder.Properties<Domain.HazardSource>().HaveConversion<string>().HaveMaxLength(Domain.FieldLengths.Reference);
        configurationBuilder.Properties<Domain.SupervisionLevel>().HaveConversion<string>().HaveMaxLength(Domain.FieldLengths.EnumName);
        configurationBuilder.Properties<Domain.AcceptanceResult>().HaveConversion<string>().HaveMaxLength(Domain.FieldLengths.EnumName);
        configurationBuilder.Properties<Domain.ExtensionRequestState>().HaveConversion<string>().HaveMaxLength(Domain.FieldLengths.EnumName);
    }
}
