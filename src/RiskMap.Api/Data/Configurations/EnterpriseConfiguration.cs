using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RiskMap.Api.Domain;

namespace RiskMap.Api.Data.Configurations;

internal sealed class EnterpriseConfiguration : IEntityTypeConfiguration<Enterprise>
{
    public void Configure(EntityTypeBuilder<Enterprise> b)
    {
        b.HasKey(e => e.Id);
        b.Property(e => e.Id).UseIdentityAlwaysColumn();
        b.Property(e => e.CreditCode).HasMaxLength(FieldLengths.CreditCode);
        b.HasIndex(e => e.CreditCode).IsUnique();
        b.Property(e => e.Name).HasMaxLength(FieldLengths.EnterpriseName);
        b.Property(e => e.Sector).HasMaxLength(FieldLengths.SectorCode);
        b.Property(e => e.Address).HasMaxLength(FieldLengths.Address);
        b.Property(e => e.DepartmentCode).HasMaxLength(FieldLengths.DepartmentCode);
        b.Property(e => e.TownshipCode).HasMaxLength(FieldLengths.TownshipCode);
        b.Property(e => e.Location).HasColumnType("geometry(Point,4326)");
        b.HasIndex(e => e.Location).HasMethod("gist");
        b.HasIndex(e => new { e.TownshipCode, e.Sector });
        b.HasIndex(e => e.Sector);
        b.HasOne(e => e.Township).WithMany().HasForeignKey(e => e.TownshipCode).OnDelete(DeleteBehavior.SetNull);
        b.HasOne(e => e.Department).WithMany().HasForeignKey(e => e.DepartmentCode).OnDelete(DeleteBehavior.Restrict);
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_enterprises_credit_code", "riskmap_credit_code_is_valid(credit_code)");
            t.HasCheckConstraint("ck_enterprises_sector", SectorSql.CheckConstraint("sector"));
            t.HasCheckConstraint("ck_enterprises_opening_hours", "(opens_at IS NULL) = (closes_at IS NULL) AND (opens_at IS NULL OR opens_at < closes_at)");
            t.HasCheckConstraint("ck_enterprises_location", "ST_X(location) BETWEEN -180 AND 180 AND ST_Y(location) BETWEEN -90 AND 90");
        });
    }
}
