using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RiskMap.Api.Domain;

namespace RiskMap.Api.Data.Configurations;

internal sealed class AttachmentBlobConfiguration : IEntityTypeConfiguration<AttachmentBlob>
{
    public void Configure(EntityTypeBuilder<AttachmentBlob> b)
    {
        b.ToTable("attachment_blobs", t => t.HasCheckConstraint("ck_attachment_blobs_sha256", "sha256 ~ '^[0-9a-f]{64}$'"));
        b.HasKey(x => x.Sha256);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.MediaType).HasMaxLength(FieldLengths.EnumName * 2);
    }
}

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> b)
    {
        b.HasKey(x => x.Id);
        b.Property(x => x.Id).UseIdentityAlwaysColumn();
        b.Property(x => x.Kind).HasConversion<string>().HasMaxLength(FieldLengths.EnumName);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.FileName).HasMaxLength(Features.Attachments.AttachmentRules.FileNameLength);
        b.Property(x => x.UploadedBy).HasMaxLength(FieldLengths.UserName);
        // The camera's local clock: EXIF DateTimeOriginal carries no zone.
        b.Property(x => x.TakenAt).HasColumnType("timestamp without time zone");
        b.Property(x => x.TakenWhere).HasColumnType("geometry(Point,4326)");
        b.HasIndex(x => new { x.HazardId, x.Kind });
        b.HasIndex(x => x.Sha256);
        b.HasOne(x => x.Hazard).WithMany().HasForeignKey(x => x.HazardId).OnDelete(DeleteBehavior.Cascade);
        // A blob goes only when no attachment carries it; deleting one that is still used is refused.
        b.HasOne(x => x.Blob).WithMany().HasForeignKey(x => x.Sha256).OnDelete(DeleteBehavior.Restrict);
    }
}
