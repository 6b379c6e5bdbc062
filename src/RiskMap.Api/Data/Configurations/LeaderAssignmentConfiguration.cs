using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RiskMap.Api.Domain;

namespace RiskMap.Api.Data.Configurations;

internal sealed class LeaderAssignmentConfiguration : IEntityTypeConfiguration<LeaderAssignment>
{
    public void Configure(EntityTypeBuilder<LeaderAssignment> b)
    {
        b.HasKey(a => a.Id);
        b.Property(a => a.Id).UseIdentityAlwaysColumn();
        b.Property(a => a.TownshipCode).HasMaxLength(FieldLengths.TownshipCode);
        b.Property(a => a.LeaderName).HasMaxLength(FieldLengths.Name);
        b.Property(a => a.LeaderTitle).HasMaxLength(FieldLengths.Name);
        b.HasIndex(a => new { a.TownshipCode, a.LeaderName }).IsUnique();
        b.HasOne(a => a.Township).WithMany().HasForeignKey(a => a.TownshipCode).OnDelete(DeleteBehavior.Cascade);
    }
}
