using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RiskMap.Api.Data.Configurations;

internal sealed class ScheduleSettingConfiguration : IEntityTypeConfiguration<ScheduleSetting>
{
    public void Configure(EntityTypeBuilder<ScheduleSetting> b)
    {
        b.ToTable("schedule_settings");
        b.HasKey(s => s.DistrictCode);
        b.Property(s => s.DistrictCode).HasMaxLength(6);
        b.Property(s => s.CadenceRules).HasColumnType("jsonb");
        b.HasOne<District>().WithMany().HasForeignKey(s => s.DistrictCode).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class DepotConfiguration : IEntityTypeConfiguration<Depot>
{
    public void Configure(EntityTypeBuilder<Depot> b)
    {
        b.ToTable("depots");
        b.HasKey(d => d.Id);
        b.Property(d => d.Id).UseIdentityAlwaysColumn();
        b.Property(d => d.DistrictCode).HasMaxLength(6);
        b.Property(d => d.Name).HasMaxLength(100);
        b.Property(d => d.TownshipCode).HasMaxLength(9);
        b.Property(d => d.Source).HasMaxLength(200);
        b.Property(d => d.Location).HasColumnType("geometry(Point,4326)");
        b.HasIndex(d => new { d.DistrictCode, d.Name }).IsUnique();
        b.HasOne<District>().WithMany().HasForeignKey(d => d.DistrictCode).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Township>().WithMany().HasForeignKey(d => d.TownshipCode).OnDelete(DeleteBehavior.SetNull);
    }
}
