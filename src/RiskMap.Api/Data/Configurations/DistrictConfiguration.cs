using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RiskMap.Api.Data.Configurations;

internal sealed class DistrictConfiguration : IEntityTypeConfiguration<District>
{
    public void Configure(EntityTypeBuilder<District> b)
    {
        b.HasKey(d => d.Code);
        b.Property(d => d.Code).HasMaxLength(6);
        b.Property(d => d.Name).HasMaxLength(100);
        b.Property(d => d.Boundary).HasColumnType("geometry(MultiPolygon,4326)");
        b.HasIndex(d => d.Boundary).HasMethod("gist");
        b.ToTable(t => t.HasCheckConstraint("ck_districts_code", "code ~ '^[0-9]{6}$'"));
    }
}
