using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace RiskMap.Api.Data.Configurations;

internal sealed class LeaderAssignmentConfiguration : IEntityTypeConfiguration<LeaderAssignment>
{
    public void Configure(EntityTypeBuilder<LeaderAssignment> b)
    {
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).UseIdentityAlwaysColumn();
        b.Property(a => a.TownshipCode).HasMaxLength(9);
        b.Property(a => a.LeaderName).HasMaxLength(100);
        b.Property(a => a.LeaderTitle).HasMaxLength(100);
        b.HasIndex(a => new { a.TownshipCode, a.LeaderName }).IsUnique();
        b.HasOne(a => a.Township).WithMany().HasForeignKey(a => a.TownshipCode).OnDelete(DeleteBehavior.Cascade);
    }
}
