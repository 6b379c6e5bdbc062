using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RiskMap.Api.Domain;

namespace RiskMap.Api.Data.Configurations;

internal sealed class ExtensionRequestConfiguration : IEntityTypeConfiguration<ExtensionRequest>
{
    public void Configure(EntityTypeBuilder<ExtensionRequest> b)
    {
        b.ToTable("extension_requests");
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.Property(x => x.Reason).HasMaxLength(FieldLengths.Description);
        b.Property(x => x.BeyondOneYearReason).HasMaxLength(FieldLengths.Description);
        b.Property(x => x.DecisionReason).HasMaxLength(FieldLengths.Description);
        b.Property(x => x.RequestedBy).HasMaxLength(FieldLengths.UserName);
        b.Property(x => x.DecidedBy).HasMaxLength(FieldLengths.UserName);
        // At most one pending request per hazard.
        b.HasIndex(x => x.HazardId).IsUnique().HasFilter("state = 'Pending'").HasDatabaseName("ux_extension_requests_pending");
        b.HasOne(x => x.Hazard).WithMany().HasForeignKey(x => x.HazardId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class HazardAcceptanceConfiguration : IEntityTypeConfiguration<HazardAcceptance>
{
    public void Configure(EntityTypeBuilder<HazardAcceptance> b)
    {
        b.ToTable("hazard_acceptances", t => t.HasCheckConstraint("ck_hazard_acceptances_pass_document",
            "result <> 'Pass' OR document_number IS NOT NULL"));
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.Property(x => x.DocumentNumber).HasMaxLength(FieldLengths.Reference);
        b.Property(x => x.Note).HasMaxLength(FieldLengths.Note);
        b.Property(x => x.AcceptedBy).HasMaxLength(FieldLengths.UserName);
        b.HasIndex(x => x.HazardId);
        b.HasOne(x => x.Hazard).WithMany().HasForeignKey(x => x.HazardId).OnDelete(DeleteBehavior.Cascade);
    }
}
