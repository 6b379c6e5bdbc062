using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RiskMap.Api.Data.Configurations;

internal sealed class RiskMapUserConfiguration : IEntityTypeConfiguration<RiskMapUser>
{
    public void Configure(EntityTypeBuilder<RiskMapUser> b)
    {
        // Identity sets 256 for the user name columns itself; stated here so that the limit has one home.
        b.Property(u => u.UserName).HasMaxLength(RiskMapUser.UserNameMaxLength);
        b.Property(u => u.NormalizedUserName).HasMaxLength(RiskMapUser.UserNameMaxLength);
        b.Property(u => u.DisplayName).HasMaxLength(RiskMapUser.DisplayNameMaxLength);
        b.Property(u => u.DepartmentCode).HasMaxLength(Department.CodeMaxLength);
        b.HasOne(u => u.Department).WithMany().HasForeignKey(u => u.DepartmentCode).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(u => u.Townships).WithOne().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class UserTownshipConfiguration : IEntityTypeConfiguration<UserTownship>
{
    public void Configure(EntityTypeBuilder<UserTownship> b)
    {
        b.HasKey(t => new { t.UserId, t.TownshipCode });
        b.Property(t => t.TownshipCode).HasMaxLength(9);
        b.HasOne(t => t.Township).WithMany().HasForeignKey(t => t.TownshipCode).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.HasKey(t => t.Id);
        b.Property(t => t.Id).UseIdentityAlwaysColumn();
        b.Property(t => t.Name).HasMaxLength(ApiToken.NameMaxLength);
        b.Property(t => t.TokenHash).HasMaxLength(64);
        b.HasIndex(t => t.TokenHash).IsUnique();
        b.Property(t => t.Prefix).HasMaxLength(16);
        b.HasIndex(t => t.UserId);
        b.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.ToTable("audit_log");
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).UseIdentityAlwaysColumn();
        b.Property(a => a.UserName).HasMaxLength(RiskMapUser.UserNameMaxLength);
        b.Property(a => a.Action).HasMaxLength(64);
        b.Property(a => a.EntityType).HasMaxLength(32);
        b.Property(a => a.EntityId).HasMaxLength(64);
        b.Property(a => a.Before).HasColumnType("jsonb");
        b.Property(a => a.After).HasColumnType("jsonb");
        b.Property(a => a.Note).HasMaxLength(2000);
        b.Property(a => a.AuthenticatedBy).HasConversion<string>().HasMaxLength(16);
        // No foreign keys to user_sessions or api_tokens: their rows are deleted, and audit rows outlive them unchanged.
        b.HasIndex(a => new { a.EntityType, a.EntityId, a.Id });
        b.HasIndex(a => a.At);
    }
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> b)
    {
        b.HasKey(s => s.Id);
        b.Property(s => s.Id).ValueGeneratedNever();
        b.HasIndex(s => s.UserId);
        b.HasOne(s => s.User).WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DeadlineExtensionConfiguration : IEntityTypeConfiguration<DeadlineExtension>
{
    public void Configure(EntityTypeBuilder<DeadlineExtension> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.Property(x => x.Reason).HasMaxLength(1000);
        b.HasIndex(x => new { x.HazardId, x.ExtendedOn });
        b.HasOne(x => x.Hazard).WithMany().HasForeignKey(x => x.HazardId).OnDelete(DeleteBehavior.Cascade);
        b.ToTable(t => t.HasCheckConstraint("ck_deadline_extensions_later", "new_deadline > previous_deadline"));
    }
}
