using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RiskMap.Api.Domain;

namespace RiskMap.Api.Data.Configurations;

internal sealed class RiskMapUserConfiguration : IEntityTypeConfiguration<RiskMapUser>
{
    public void Configure(EntityTypeBuilder<RiskMapUser> b)
    {
        // Identity sets 256 for the user name columns itself; stated here so that the limit has one home.
        b.Property(u => u.UserName).HasMaxLength(FieldLengths.UserName);
        b.Property(u => u.NormalizedUserName).HasMaxLength(FieldLengths.UserName);
        b.Property(u => u.DisplayName).HasMaxLength(FieldLengths.Name);
        b.Property(u => u.DepartmentCode).HasMaxLength(FieldLengths.DepartmentCode);
        b.HasOne(u => u.Department).WithMany().HasForeignKey(u => u.DepartmentCode).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(u => u.Townships).WithOne().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class UserTownshipConfiguration : IEntityTypeConfiguration<UserTownship>
{
    public void Configure(EntityTypeBuilder<UserTownship> b)
    {
        b.HasKey(t => new { t.UserId, t.TownshipCode });
        b.Property(t => t.TownshipCode).HasMaxLength(FieldLengths.TownshipCode);
        b.HasOne(t => t.Township).WithMany().HasForeignKey(t => t.TownshipCode).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.HasKey(t => t.Id);
        b.Property(t => t.Id).UseIdentityAlwaysColumn();
        b.Property(t => t.Name).HasMaxLength(FieldLengths.Name);
        b.Property(t => t.TokenHash).HasMaxLength(FieldLengths.TokenHash);
        b.HasIndex(t => t.TokenHash).IsUnique();
        b.Property(t => t.Prefix).HasMaxLength(FieldLengths.TokenPrefix);
        b.HasIndex(t => t.UserId);
        b.HasOne(t => t.User).WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> b)
    {
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).UseIdentityAlwaysColumn();
        b.Property(a => a.UserName).HasMaxLength(FieldLengths.UserName);
        b.Property(a => a.Action).HasMaxLength(FieldLengths.AuditAction);
        b.Property(a => a.EntityType).HasMaxLength(FieldLengths.AuditEntityType);
        b.Property(a => a.EntityId).HasMaxLength(FieldLengths.AuditEntityId);
        b.Property(a => a.Before).HasColumnType("jsonb");
        b.Property(a => a.After).HasColumnType("jsonb");
        b.Property(a => a.Note).HasMaxLength(FieldLengths.Note);
        b.Property(a => a.AuthenticatedBy).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        // Every audit row says how its change was authenticated, with the session or token id to match.
        b.ToTable("audit_log", t => t.HasCheckConstraint("ck_audit_log_authenticated_by",
            "authenticated_by IS NOT NULL AND ("
            + "authenticated_by = 'Session' AND session_id IS NOT NULL AND api_token_id IS NULL"
            + " OR authenticated_by = 'ApiToken' AND api_token_id IS NOT NULL AND session_id IS NULL"
            + " OR authenticated_by = 'System' AND user_id IS NULL AND session_id IS NULL AND api_token_id IS NULL)"));
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
        b.Property(x => x.Reason).HasMaxLength(FieldLengths.Description);
        b.HasIndex(x => new { x.HazardId, x.ExtendedOn });
        b.HasOne(x => x.Hazard).WithMany().HasForeignKey(x => x.HazardId).OnDelete(DeleteBehavior.Cascade);
        b.ToTable(t => t.HasCheckConstraint("ck_deadline_extensions_later", "new_deadline > previous_deadline"));
    }
}
