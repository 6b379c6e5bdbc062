using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RiskMap.Api.Domain;

namespace RiskMap.Api.Data.Configurations;

internal sealed class ImportRunConfiguration : IEntityTypeConfiguration<ImportRun>
{
    public void Configure(EntityTypeBuilder<ImportRun> b)
    {
        b.HasKey(r => r.Id);
        b.Property(r => r.Kind).HasMaxLength(16);
        b.Property(r => r.DepartmentCode).HasMaxLength(FieldLengths.DepartmentCode);
        b.Property(r => r.FileName).HasMaxLength(255);
        // The panel reads the latest run per kind and department.
        b.HasIndex(r => new { r.Kind, r.DepartmentCode, r.FinishedAt });
    }
}
