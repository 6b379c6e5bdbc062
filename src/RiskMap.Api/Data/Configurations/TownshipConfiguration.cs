using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RiskMap.Api.Domain;

namespace RiskMap.Api.Data.Configurations;

internal sealed class TownshipConfiguration : IEntityTypeConfiguration<Township>
{
    public void Configure(EntityTypeBuilder<Township> b)
    {
        b.HasKey(t => t.Code);
        b.Property(t => t.Code).HasMaxLength(FieldLengths.TownshipCode);
        b.Property(t => t.DistrictCode).HasMaxLength(FieldLengths.DistrictCode);
        b.Property(t => t.Name).HasMaxLength(FieldLengths.Name);
        b.Property(t => t.Boundary).HasColumnType("geometry(MultiPolygon,4326)");
        b.HasIndex(t => t.Boundary).HasMethod("gist");
        // Label point: pole of inaccessibility, kept by PostgreSQL whenever the boundary is written.
        b.Property(t => t.LabelPoint).HasColumnType("geometry(Point,4326)")
            .HasComputedColumnSql("(ST_MaximumInscribedCircle(boundary)).center", stored: true);
        b.HasIndex(t => t.DistrictCode);
        b.HasOne(t => t.District).WithMany(d => d.Townships).HasForeignKey(t => t.DistrictCode).OnDelete(DeleteBehavior.Restrict);
        b.ToTable(t =>
        {
            t.HasCheckConstraint("ck_townships_code", "code ~ '^[0-9]{9}$' AND left(code, 6) = district_code");
            t.HasCheckConstraint("ck_townships_boundary_valid", "ST_IsValid(boundary)");
        });
    }
}
