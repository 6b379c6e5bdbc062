using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RiskMap.Api.Domain;

namespace RiskMap.Api.Data.Configurations;

internal sealed class EnforcementActionConfiguration : IEntityTypeConfiguration<EnforcementAction>
{
    public void Configure(EntityTypeBuilder<EnforcementAction> b)
    {
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).UseIdentityAlwaysColumn();
        // NOT NULL: a row without one gets RecordReferences' RM-… reference from a BEFORE INSERT trigger (Data/Sql/riskmap_assign_reference.sql).
        b.Property(a => a.Reference).HasMaxLength(FieldLengths.Reference).IsRequired().ValueGeneratedOnAdd();
        b.HasIndex(a => a.Reference).IsUnique();
        b.Property(a => a.AmountYuan).HasPrecision(14, 2);
        b.HasIndex(a => new { a.Date, a.Kind });
        b.HasOne(a => a.Enterprise).WithMany().HasForeignKey(a => a.EnterpriseId).OnDelete(DeleteBehavior.Cascade);
        b.ToTable(t => t.HasCheckConstraint("ck_enforcement_actions_amount",
            "(kind = 'Fine' AND amount_yuan IS NOT NULL AND amount_yuan > 0) OR (kind <> 'Fine' AND amount_yuan IS NULL)"));
    }
}
