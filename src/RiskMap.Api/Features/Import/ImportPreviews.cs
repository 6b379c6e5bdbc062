using RiskMap.Api.Geo;

namespace RiskMap.Api.Features.Import;

/// <summary>Reads the start of an upload so that the user can check the encoding, the coordinate system and the mapping.</summary>
public static class ImportPreviews
{
    /// <summary>Rows shown.</summary>
    public const int Rows = 10;

    /// <summary>
    /// The preview of <paramref name="path"/> read as <paramref name="kind"/>, archives within <paramref name="limits"/>, its
    /// messages as codes (written for the reader by
    /// <see cref="ImportMessages.Render(Microsoft.Extensions.Localization.IStringLocalizer, ImportPreview)"/>).
    /// </summary>
    /// <exception cref="ImportRejectedException">The file cannot be read at all, or is an archive over the limits.</exception>
    public static async Task<ImportPreview> ReadAsync(ImportKind kind, string path, string fileName, string? encoding, string? sheet,
        ArchiveLimits limits, CancellationToken cancellationToken)
    {
        var kindName = kind.ToString().ToLowerInvariant();
        if (kind == ImportKind.Boundaries)
        {
            var file = await BoundaryFiles.ReadAsync(path, fileName, limits, cancellationToken);
            var sample = file.Features.Take(Rows).ToList();
            var mapping = ImportPipeline.MappingDictionary(BoundaryRecords.SuggestMapping(file));
            return new ImportPreview(kindName, fileName, file.Format, null, new BoundaryPreview(
                file.Features.Count, file.Properties,
                sample.Select(f => new PreviewRow(f.Number, file.Properties.Select(p => GeoJsonFiles.Text(f.Attributes, p)).ToList())).ToList(),
                file.DeclaredCrs?.Name, file.CrsMetadata,
                file.Features.Select(f => f.Geometry?.GeometryType ?? "null").Distinct().Order().ToList(), mapping), file.Errors);
        }

        using var table = ImportTable.Open(path, fileName, limits, encoding, sheet);
        var fields = ImportColumns.For(kind);
        var (index, _) = ImportColumns.Resolve(table.Header, fields, null);
        var rows = table.Rows().Take(Rows).Select(r => new PreviewRow(r.Number, r.Fields)).ToList();
        return new ImportPreview(kindName, fileName, table.Format, new TablePreview(
            table.Encoding, table.EncodingReason, table.Sheets, table.Sheet, table.Header, rows,
            fields.Select(f => new ImportFieldInfo(f.Name, f.Chinese, f.Required)).ToList(),
            index.ToDictionary(i => i.Key, i => table.Header[i.Value])), null, []);
    }
}
