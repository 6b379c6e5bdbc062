using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RiskMap.Api.Domain;

namespace RiskMap.Api.Data.Configurations;

internal sealed class ErrorReportConfiguration : IEntityTypeConfiguration<ErrorReport>
{
    public void Configure(EntityTypeBuilder<ErrorReport> b)
    {
        b.HasKey(r => r.Id);
        b.Property(r => r.Id).UseIdentityAlwaysColumn();
        b.Property(r => r.Subject).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        b.Property(r => r.Status).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        b.Property(r => r.TownshipCode).HasMaxLength(FieldLengths.TownshipCode);
        b.Property(r => r.Text).HasMaxLength(FieldLengths.Description);
        b.Property(r => r.ProposedLocation).HasColumnType("geometry(Point,4326)");
        b.Property(r => r.ReporterId).HasMaxLength(FieldLengths.UserName);
        b.Property(r => r.ReporterName).HasMaxLength(FieldLengths.UserName);
        b.Property(r => r.DecisionReason).HasMaxLength(FieldLengths.Description);
        b.Property(r => r.DecidedBy).HasMaxLength(FieldLengths.UserName);
        b.HasIndex(r => new { r.Status, r.ReportedAt });
        b.HasIndex(r => r.ReporterId);
        b.HasIndex(r => r.EnterpriseId);
        b.HasOne(r => r.Enterprise).WithMany().HasForeignKey(r => r.EnterpriseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(r => r.Hazard).WithMany().HasForeignKey(r => r.HazardId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(r => r.Township).WithMany().HasForeignKey(r => r.TownshipCode).OnDelete(DeleteBehavior.Cascade);
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_error_reports_subject",
                "(subject = 'Enterprise' AND enterprise_id IS NOT NULL AND hazard_id IS NULL AND township_code IS NULL) OR " +
                "(subject = 'Hazard' AND enterprise_id IS NOT NULL AND hazard_id IS NOT NULL AND township_code IS NULL) OR " +
                "(subject = 'Township' AND enterprise_id IS NULL AND hazard_id IS NULL AND township_code IS NOT NULL)");
            t.HasCheckConstraint("ck_error_reports_decision",
                "(status = 'Open' AND decided_at IS NULL) OR (status <> 'Open' AND decided_at IS NOT NULL AND decided_by IS NOT NULL " +
                "AND (status <> 'Rejected' OR decision_reason IS NOT NULL))");
        });
    }
}
