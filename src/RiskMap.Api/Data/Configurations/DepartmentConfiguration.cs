using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RiskMap.Api.Domain;

namespace RiskMap.Api.Data.Configurations;

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> b)
    {
        b.HasKey(d => d.Code);
        b.Property(d => d.Code).HasMaxLength(FieldLengths.DepartmentCode);
        b.Property(d => d.Name).HasMaxLength(FieldLengths.Name);
        b.ToTable(t => t.HasCheckConstraint("ck_departments_code", "code ~ '^[a-z][a-z0-9_]*$'"));
    }
}
