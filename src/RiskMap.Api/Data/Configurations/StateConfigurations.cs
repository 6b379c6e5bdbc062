using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RiskMap.Api.Data.Configurations;

internal sealed class ImportUploadRecordConfiguration : IEntityTypeConfiguration<ImportUploadRecord>
{
    public void Configure(EntityTypeBuilder<ImportUploadRecord> b)
    {
        b.ToTable("import_uploads");
        b.HasKey(u => u.Id);
        b.Property(u => u.Id).HasMaxLength(32);
        b.Property(u => u.FileName).HasMaxLength(255);
        // The expiry sweep deletes by age.
        b.HasIndex(u => u.ExpiresAt);
    }
}

internal sealed class ImportJobRecordConfiguration : IEntityTypeConfiguration<ImportJobRecord>
{
    public void Configure(EntityTypeBuilder<ImportJobRecord> b)
    {
        b.ToTable("import_jobs", t => t.HasCheckConstraint("ck_import_jobs_state",
            "state IN ('Queued', 'Running', 'Succeeded', 'Rejected', 'Failed', 'Cancelled')"));
        b.HasKey(j => j.Id);
        b.Property(j => j.Id).HasMaxLength(32);
        b.Property(j => j.UploadId).HasMaxLength(32);
        b.Property(j => j.Request).HasColumnType("jsonb");
        b.Property(j => j.Progress).HasColumnType("jsonb");
        b.Property(j => j.Outcome).HasColumnType("jsonb");
        b.Property(j => j.State).HasMaxLength(16);
        b.Property(j => j.FailureCode).HasMaxLength(100);
        b.Property(j => j.Owner).HasMaxLength(200);
        // The workers claim the oldest queued job and sweep running jobs whose heartbeat stopped.
        b.HasIndex(j => new { j.State, j.CreatedAt });
    }
}

internal sealed class RoutePlanRecordConfiguration : IEntityTypeConfiguration<RoutePlanRecord>
{
    public void Configure(EntityTypeBuilder<RoutePlanRecord> b)
    {
        b.ToTable("route_plans");
        b.HasKey(p => p.Id);
        b.Property(p => p.Id).HasMaxLength(32);
        b.Property(p => p.Owner).HasMaxLength(450);
        b.Property(p => p.Plan).HasColumnType("jsonb");
        // The quotas count and order a user's plans by age; expired plans are deleted by expiry.
        b.HasIndex(p => new { p.Owner, p.CreatedAt });
        b.HasIndex(p => p.ExpiresAt);
    }
}

internal sealed class DataProtectionKeyConfiguration : IEntityTypeConfiguration<DataProtectionKey>
{
    public void Configure(EntityTypeBuilder<DataProtectionKey> b) => b.ToTable("data_protection_keys");
}
