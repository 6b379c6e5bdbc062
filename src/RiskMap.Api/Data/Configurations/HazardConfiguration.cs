using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RiskMap.Api.Domain;

namespace RiskMap.Api.Data.Configurations;

internal sealed class HazardConfiguration : IEntityTypeConfiguration<Hazard>
{
    public void Configure(EntityTypeBuilder<Hazard> b)
    {
        b.HasKey(h => h.Id);
        b.Property(h => h.Id).UseIdentityAlwaysColumn();
        // NOT NULL: a row without one gets RecordReferences' RM-… reference from a BEFORE INSERT trigger (Data/Sql/riskmap_assign_reference.sql).
        b.Property(h => h.Reference).HasMaxLength(FieldLengths.Reference).IsRequired().ValueGeneratedOnAdd();
        b.HasIndex(h => h.Reference).IsUnique();
        b.Property(h => h.Sector).HasMaxLength(FieldLengths.SectorCode);
        b.Property(h => h.Description).HasMaxLength(FieldLengths.Description);
        b.Property(h => h.ResponsiblePerson).HasMaxLength(FieldLengths.Name);
        // Rows written by SQL alone (the imports' merge) leave it out.
        b.Property(h => h.DeadlineExtended).HasDefaultValue(false);
        // Ledger fields (来源, 判定依据, 五到位, 挂牌督办, 验收销号); rows written by SQL alone get the default source.
        b.Property(h => h.Source).HasDefaultValue(HazardSource.DepartmentInspection);
        b.Property(h => h.CriterionClause).HasMaxLength(FieldLengths.Reference);
        b.Property(h => h.PlanMeasures).HasMaxLength(FieldLengths.Description);
        b.Property(h => h.PlanFundsYuan).HasPrecision(14, 2);
        b.Property(h => h.PlanOwner).HasMaxLength(FieldLengths.Name);
        b.Property(h => h.PlanInterimMeasures).HasMaxLength(FieldLengths.Description);
        b.Property(h => h.SupervisingUnit).HasMaxLength(FieldLengths.Name);
        b.Property(h => h.RectifiedBy).HasMaxLength(FieldLengths.UserName);
        b.Property(h => h.CloseDocumentNumber).HasMaxLength(FieldLengths.Reference);
        b.HasIndex(h => new { h.EnterpriseId, h.FoundOn });
        b.HasIndex(h => h.FoundOn);
        b.Property(h => h.Version).IsRowVersion();
        b.HasOne(h => h.Enterprise).WithMany().HasForeignKey(h => h.EnterpriseId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(h => h.Inspection).WithMany().HasForeignKey(h => h.InspectionId).OnDelete(DeleteBehavior.SetNull);
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_hazards_sector", SectorSql.CheckConstraint("sector"));
            t.HasCheckConstraint("ck_hazards_deadline", "deadline >= found_on");
            t.HasCheckConstraint("ck_hazards_rectified", "rectified_on IS NULL OR rectified_on >= found_on");
            t.HasCheckConstraint("ck_hazards_rectifying", "rectifying_on IS NULL OR (rectifying_on >= found_on AND rectifying_on <= coalesce(rectified_on, closed_on, rectifying_on))");
            t.HasCheckConstraint("ck_hazards_closed", "closed_on IS NULL OR closed_on >= coalesce(rectified_on, found_on)");
            t.HasCheckConstraint("ck_hazards_plan_funds", "plan_funds_yuan IS NULL OR plan_funds_yuan >= 0");
            t.HasCheckConstraint("ck_hazards_supervision_delisted", "supervision_delisted_on IS NULL OR supervision_delisted_on >= supervision_listed_on");
            t.HasCheckConstraint("ck_hazards_status_dates",
                "(status IN ('Open', 'Rectifying') AND rectified_on IS NULL AND closed_on IS NULL)"
                + " OR (status = 'Rectified' AND rectified_on IS NOT NULL AND closed_on IS NULL)"
                + " OR (status = 'Closed' AND closed_on IS NOT NULL)");
        });
    }
}
