using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RiskMap.Api.Domain;

namespace RiskMap.Api.Data.Configurations;

internal sealed class InspectionConfiguration : IEntityTypeConfiguration<Inspection>
{
    public void Configure(EntityTypeBuilder<Inspection> b)
    {
        b.HasKey(i => i.Id);
        b.Property(i => i.Id).UseIdentityAlwaysColumn();
        // NOT NULL: a row without one gets RecordReferences' RM-… reference from a BEFORE INSERT trigger (Data/Sql/riskmap_assign_reference.sql).
        b.Property(i => i.Reference).HasMaxLength(FieldLengths.Reference).IsRequired().ValueGeneratedOnAdd();
        b.HasIndex(i => i.Reference).IsUnique();
        b.Property(i => i.InspectionGroup).HasMaxLength(FieldLengths.InspectionGroup);
        b.HasIndex(i => i.Date);
        b.HasIndex(i => new { i.EnterpriseId, i.Date });
        b.HasOne(i => i.Enterprise).WithMany().HasForeignKey(i => i.EnterpriseId).OnDelete(DeleteBehavior.Cascade);
        b.ToTable(t => t.HasCheckConstraint("ck_inspections_visits", "inspector_visits >= 0"));
    }
}
