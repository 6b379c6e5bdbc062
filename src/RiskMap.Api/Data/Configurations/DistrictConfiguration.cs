using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RiskMap.Api.Domain;

namespace RiskMap.Api.Data.Configurations;

internal sealed class DistrictConfiguration : IEntityTypeConfiguration<District>
{
    public void Configure(EntityTypeBuilder<District> b)
    {
        b.HasKey(d => d.Code);
        b.Property(d => d.Code).HasMaxLength(FieldLengths.DistrictCode);
        b.Property(d => d.Name).HasMaxLength(FieldLengths.Name);
        b.Property(d => d.Boundary).HasColumnType("geometry(MultiPolygon,4326)");
        b.HasIndex(d => d.Boundary).HasMethod("gist");
        b.ToTable(t => t.HasCheckConstraint("ck_districts_code", "code ~ '^[0-9]{6}$'"));
    }
}
