using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using RiskMap.Api.Resources;
using Microsoft.Extensions.Options;
using RiskMap.Api.Features.Accounts;

namespace RiskMap.Api.Features.Import;

/// <summary>
/// Maps <c>/api/v1/imports</c>: upload a file, preview it, then run it as a dry run or for real in the background and
/// poll the job for its progress and its answer (every rejected row with row, column, value and reason).
/// </summary>
public static class ImportApi
{
    /// <summary>The import kinds as the routes spell them.</summary>
    public static readonly string[] Kinds = ["boundaries", "enterprises", "inspections", "hazards", "enforcement"];

    /// <summary>Maps the import endpoints on <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapImports(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/imports").WithTags("Imports").RequireAuthorization(Policies.Admin).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapPost("/uploads", Upload)
            .WithName("UploadImportFile")
            .WithSummary("Stores a file to import (multipart/form-data, field 'file'); answers its upload id.")
            .WithDescription("Boundaries: .geojson/.json, .zip (ESRI Shapefile with .shp/.shx/.dbf and optional .prj/.cpg), .gpkg. " +
                             "Tables: .csv (UTF-8 with or without BOM, or GBK), .xlsx. Uploads expire after 24 hours.")
            .DisableAntiforgery()
            .WithMetadata(new RequestSizeLimitAttribute(256L * 1024 * 1024));
        group.MapGet("/uploads/{id}/preview", Preview)
            .WithName("PreviewImportFile")
            .WithSummary("The first rows of an upload read as a kind: encoding, worksheets, header, suggested column mapping; or properties and coordinate system of boundaries.")
            .WithDescription("An unreadable file is 422 naming the problem; so is an archive (.zip, .xlsx) that expands beyond " +
                             "RiskMap:Import:MaxArchiveBytes (default 1 GiB) or, for an entry over 1 MiB, beyond RiskMap:Import:MaxCompressionRatio " +
                             "(default 100:1), or a workbook part with a DTD: the entry or part is named.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{kind}", StartJob)
            .WithName("StartImport")
            .WithSummary("Starts importing an upload (boundaries | enterprises | inspections | hazards | enforcement); answers 202 with the job to poll.")
            .WithDescription("All or nothing: a file is written whole or not at all. dryRun=true checks and merges inside a transaction that " +
                             "is rolled back. Boundaries replace the district's townships and re-assign enterprises in the same transaction.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/jobs/{id}", GetJob)
            .WithName("GetImportJob")
            .WithSummary("An import job: state, progress (rows, share of the file read) and, when finished, its outcome.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    /// <summary>Handles <c>POST /api/v1/imports/uploads</c>.</summary>
    internal static async Task<Results<Created<UploadResponse>, ProblemHttpResult>> Upload(IFormFile? file, ImportUploads uploads,
        CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            var q = new RequestValidator();
            q.AddError("file", "Send the file as multipart/form-data in a field named 'file'.");
            return q.ToProblem();
        }
        await using var content = file.OpenReadStream();
        var stored = await uploads.SaveAsync(content, file.FileName, cancellationToken);
        return TypedResults.Created($"/api/v1/imports/uploads/{stored.Id}/preview",
            new UploadResponse(stored.Id, stored.FileName, stored.Bytes, stored.ExpiresAt));
    }

    /// <summary>Handles <c>GET /api/v1/imports/uploads/{id}/preview</c>.</summary>
    /// <param name="id">Upload id.</param>
    /// <param name="kind">boundaries, enterprises, inspections, hazards or enforcement.</param>
    /// <param name="encoding">auto (default), utf-8, gbk, gb18030.</param>
    /// <param name="sheet">XLSX worksheet.</param>
    /// <param name="uploads">Uploads.</param>
    /// <param name="options">Import settings (archive limits).</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static async Task<Results<Ok<ImportPreview>, ProblemHttpResult>> Preview(string id, string? kind, string? encoding, string? sheet,
        ImportUploads uploads, IOptions<ImportOptions> options, CancellationToken cancellationToken)
    {
        var q = new RequestValidator();
        var importKind = Kind(q, "kind", kind);
        if (!q.IsValid) return q.ToProblem();
        if (uploads.Find(id) is not { } upload) return RequestValidator.NotFound("Unknown upload", "id", $"No upload has the id '{id}' (uploads expire)");
        try
        {
            return TypedResults.Ok(await ImportPreviews.ReadAsync(importKind, upload.Path, upload.FileName, encoding, sheet, options.Value.ArchiveLimits, cancellationToken));
        }
        catch (ImportRejectedException e)
        {
            return Unreadable(e);
        }
    }

    /// <summary>Handles <c>POST /api/v1/imports/{kind}</c>.</summary>
    internal static Results<Accepted<ImportJobResponse>, ProblemHttpResult> StartJob(string kind, ImportJobRequest body, ImportUploads uploads, ImportJobs jobs,
        IStringLocalizer<Messages> messages)
    {
        var q = new RequestValidator();
        var importKind = Kind(q, "kind", kind);
        var district = q.Code("district", body.District, 6);
        var duplicates = q.OneOf("duplicates", body.Duplicates, "reject", "reject", "update", "skip");
        if (!string.IsNullOrWhiteSpace(body.Crs) && Geo.SourceCrs.Parse(body.Crs) is null)
            q.AddError("crs", $"'{body.Crs}' is not a coordinate system. Use one of: {string.Join(", ", Geo.Crs.Names)}, or EPSG:nnnn.");
        else if (importKind == ImportKind.Enterprises && Geo.SourceCrs.Parse(body.Crs) is not { Geographic: not null })
            q.AddError("crs", ImportPipeline.EnterpriseCrsRequired);
        if (!string.IsNullOrWhiteSpace(body.Encoding) && !TextEncodings.Names.Contains(body.Encoding.Trim().ToLowerInvariant()))
            q.AddError("encoding", $"'{body.Encoding}' is not an encoding. Use one of: {string.Join(", ", TextEncodings.Names)}.");
        if (string.IsNullOrWhiteSpace(body.UploadId)) q.AddError("uploadId", "The upload id is required (POST the file to /api/v1/imports/uploads first).");
        if (!q.IsValid) return q.ToProblem();
        if (uploads.Find(body.UploadId) is not { } upload)
            return RequestValidator.NotFound("Unknown upload", "uploadId", $"No upload has the id '{body.UploadId}' (uploads expire)");

        var request = new ImportRequest(importKind, upload.Path, upload.FileName, body.DryRun, district, body.DistrictName, body.Crs,
            body.Encoding, body.Sheet, body.Mapping, Enum.Parse<DuplicatePolicy>(duplicates, ignoreCase: true), body.AcceptOutside);
        var job = jobs.Start(upload.Id, request);
        return TypedResults.Accepted($"/api/v1/imports/jobs/{job.Id}", ImportJobResponse.Of(job, messages));
    }

    /// <summary>Handles <c>GET /api/v1/imports/jobs/{id}</c>.</summary>
    internal static Results<Ok<ImportJobResponse>, ProblemHttpResult> GetJob(string id, ImportJobs jobs, IStringLocalizer<Messages> messages)
        => jobs.Find(id) is { } job
            ? TypedResults.Ok(ImportJobResponse.Of(job, messages))
            : RequestValidator.NotFound("Unknown import job", "id", $"No import job has the id '{id}'");

    private static ImportKind Kind(RequestValidator q, string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            q.AddError(name, $"The '{name}' parameter is required: one of {string.Join(", ", Kinds)}.");
            return ImportKind.Boundaries;
        }
        return Enum.Parse<ImportKind>(q.OneOf(name, value, "boundaries", Kinds), ignoreCase: true);
    }

    private static ProblemHttpResult Unreadable(ImportRejectedException e)
        => TypedResults.Problem(new ProblemDetails
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = "The file cannot be read",
            Detail = e.Errors[0].Reason,
            Extensions = { ["errors"] = e.Errors },
        });
}
