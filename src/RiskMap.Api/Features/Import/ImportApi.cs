using System.Security.Claims;
using RiskMap.Api.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using RiskMap.Api.Contract;
using Microsoft.Extensions.Options;
using RiskMap.Api.Features.Accounts;
using RiskMap.Api.Resources;

namespace RiskMap.Api.Features.Import;

/// <summary>
/// Maps <c>/api/v1/imports</c>: upload a file, preview it, then run it as a dry run or for real in the background and
/// poll the job for its progress and its answer (every rejected row with row, column, value and reason).
/// </summary>
public static class ImportApi
{
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
        group.MapGet("/uploads/{uploadId}/preview", Preview)
            .WithName("PreviewImportFile")
            .WithSummary("The first rows of an upload read as a kind: encoding, worksheets, header, suggested column mapping; or properties and coordinate system of boundaries.")
            .WithDescription("Reads the start of the upload the way the import would, so that the user can check the encoding (and why it was " +
                             "chosen), pick a worksheet, see the first 10 rows and the column mapping the import would use, or, for boundaries, " +
                             "the features' properties, geometry types and the coordinate system the file declares. Problems already visible " +
                             "are listed in errors; a file that cannot be read at all is a 422 problem listing why; so is an archive (.zip, .xlsx) " +
                             "that expands beyond RiskMap:Import:MaxArchiveBytes (default 1 GiB) or, for an entry over 1 MiB, beyond " +
                             "RiskMap:Import:MaxCompressionRatio (default 100:1), or a workbook part with a DTD: the entry or part is named. " +
                             "Texts are in the request's language.")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapPost("/{kind}", StartJob)
            .WithName("StartImport")
            .WithSummary("Starts importing an upload (boundaries | enterprises | inspections | hazards | enforcement | roads); answers 202 with the job to poll.")
            .WithDescription("All or nothing: a file is written whole or not at all. dryRun=true checks and merges inside a transaction that " +
                             "is rolled back. Boundaries replace the district's townships and re-assign enterprises in the same transaction. " +
                             "Roads replace the district's road network (GeoJSON, zipped Shapefile, GeoPackage in the boundary import's " +
                             "coordinate systems, or OpenStreetMap .osm/.osm.pbf through GDAL's OSM driver): mapping class/speed/oneway/name → " +
                             "property, speed.<class> → km/h; the outcome's result.network gives edges, vertices, connected components and " +
                             "the enterprises farther than 500 m from a road vertex.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/roads", DeleteRoads)
            .WithName("DeleteRoadNetwork")
            .WithSummary("Removes a district's road network (admins); plans and schedules then fall back to straight lines.")
            .WithDescription("Deletes the district's road edges, vertices and road-class speeds in one transaction, with an audit row (action " +
                             "roads.delete, entity road_network = the district, before = the network's counts) in the same commit. Answers the counts " +
                             "of the network removed. 404 roads.network.none when the district has no network. The district may be omitted when " +
                             "the database holds one.")
            .Produces<Roads.RoadNetworkSummary>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/jobs/{jobId}", GetJob)
            .WithName("GetImportJob")
            .WithSummary("An import job: state, progress (rows, share of the file read) and, when finished, its outcome.")
            .WithDescription("Poll until state is Succeeded, Rejected or Failed. The outcome lists every rejected value with its row (header = 1), " +
                             "column, the file's header for it, value, a stable code with its arguments and the reason; and the notes, each with " +
                             "its code in noteCodes. The texts are written in the language of the request that reads the job, not of the one " +
                             "that started it. Jobs live in the database: any instance of the service answers for a job any other started. " +
                             "Jobs are kept for 24 hours after they finish.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/jobs/{jobId}", CancelJob)
            .WithName("CancelImportJob")
            .WithSummary("Cancels a queued or running import job; answers 202 with the job, which ends Cancelled with nothing written.")
            .WithDescription("A queued job is Cancelled at once. A running job is marked (cancelRequested: true) and the instance running it, " +
                             "whichever it is, stops it and rolls its transaction back within a heartbeat (RiskMap:Import:HeartbeatSeconds, " +
                             "default 1 s): poll the job until its state is Cancelled. Import endpoints are for admins, so any admin may cancel " +
                             "any job. 404 for an unknown or forgotten job, 409 for a job that has already finished.")
            .Produces<ImportJobResponse>(StatusCodes.Status202Accepted, "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return group;
    }

    /// <summary>Removes the district's road network (<see cref="Roads.RoadImport.DeleteAsync"/>); 404 when it has none.</summary>
    internal static async Task<Results<Ok<Roads.RoadNetworkSummary>, ProblemHttpResult>> DeleteRoads([AsParameters] Roads.RoadNetworkQuery query,
        ClaimsPrincipal user, RiskMapDbContext db, CancellationToken cancellationToken)
    {
        var (district, problem) = await Areas.DistrictAsync(db, query.District, cancellationToken);
        if (problem is not null) return problem;
        return await Roads.RoadImport.DeleteAsync(db, user, district!, cancellationToken) is { } removed
            ? TypedResults.Ok(removed)
            : Problems.NotFound(Roads.RoadsProblemCodes.NoNetwork, "district", district);
    }

    /// <summary>Stores an uploaded file: 400 (<see cref="ImportProblemCodes.FileRequired"/>) without one.</summary>
    internal static async Task<Results<Created<UploadResponse>, ProblemHttpResult>> Upload(IFormFile? file, ImportUploads uploads,
        CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0) return Problems.Invalid("file", ImportProblemCodes.FileRequired);
        await using var content = file.OpenReadStream();
        var stored = await uploads.SaveAsync(content, file.FileName, cancellationToken);
        return TypedResults.Created($"/api/v1/imports/uploads/{stored.Id}/preview",
            new UploadResponse(stored.Id, stored.FileName, stored.Bytes, stored.ExpiresAt));
    }

    /// <summary>The preview of an upload: 404 for an unknown or expired upload, 422 when the file cannot be read at all.</summary>
    /// <param name="uploadId">The upload's id (32 hexadecimal characters, from POST /api/v1/imports/uploads).</param>
    /// <param name="query">How to read it.</param>
    /// <param name="uploads">Uploads.</param>
    /// <param name="localizer">Writes the texts in the request's language.</param>
    /// <param name="options">Import settings (archive limits).</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static async Task<Results<Ok<ImportPreview>, ProblemHttpResult>> Preview(string uploadId, [AsParameters] ImportPreviewQuery query,
        ImportUploads uploads, IStringLocalizer<Messages> localizer, IOptions<ImportOptions> options, CancellationToken cancellationToken)
    {
        if (await uploads.FindAsync(uploadId, cancellationToken) is not { } upload)
            return Problems.NotFound(ImportProblemCodes.UploadUnknown, "uploadId", uploadId);
        try
        {
            var preview = await ImportPreviews.ReadAsync(query.ParseKind(), upload.Path, upload.FileName, query.Encoding, query.Sheet,
                options.Value.ArchiveLimits, cancellationToken);
            return TypedResults.Ok(ImportMessages.Render(localizer, preview));
        }
        catch (ImportRejectedException e)
        {
            return Unreadable(upload.FileName, ImportMessages.Render(localizer, e.Errors));
        }
    }

    /// <summary>
    /// Starts a job: 400 naming each bad field (an enterprise file without a longitude/latitude coordinate system among
    /// them), 404 for an unknown or expired upload.
    /// </summary>
    internal static async Task<Results<Accepted<ImportJobResponse>, ProblemHttpResult>> StartJob([AsParameters] ImportRoute route, ImportJobRequest body,
        ImportUploads uploads, ImportJobs jobs, ClaimsPrincipal user, IStringLocalizer<Messages> localizer, CancellationToken cancellationToken)
    {
        var kind = route.ParseKind();
        if (kind == ImportKind.Enterprises && Geo.SourceCrs.Parse(body.Crs) is not { Geographic: not null })
        {
            var required = ImportPipeline.EnterpriseCrsRequired;
            return Problems.Invalid([new FieldError("crs", required.Code, required.Args)]);
        }
        if (await uploads.FindAsync(body.UploadId!, cancellationToken) is not { } upload)
            return Problems.NotFound(ImportProblemCodes.UploadUnknown, "uploadId", body.UploadId);

        var request = new ImportRequest(kind, upload.Path, upload.FileName, body.DryRun, body.District, body.DistrictName, body.Crs,
            body.Encoding, body.Sheet, body.Mapping, body.Duplicates ?? DuplicatePolicy.Reject, body.AcceptOutside,
            body.Code, body.Name);
        var job = await jobs.StartAsync(upload.Id, request, user.FindFirstValue(ClaimTypes.NameIdentifier), cancellationToken);
        return TypedResults.Accepted($"/api/v1/imports/jobs/{job.Id}", ImportJobResponse.Of(job, localizer));
    }

    /// <summary>A job, its outcome written in the language of this request: 404 for an unknown or forgotten job.</summary>
    /// <param name="jobId">The job's id (32 hexadecimal characters, from POST /api/v1/imports/{kind}).</param>
    /// <param name="jobs">Jobs.</param>
    /// <param name="localizer">Writes the texts in the request's language.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static async Task<Results<Ok<ImportJobResponse>, ProblemHttpResult>> GetJob(string jobId, ImportJobs jobs, IStringLocalizer<Messages> localizer,
        CancellationToken cancellationToken)
        => await jobs.FindAsync(jobId, cancellationToken) is { } job
            ? TypedResults.Ok(ImportJobResponse.Of(job, localizer))
            : Problems.NotFound(ImportProblemCodes.JobUnknown, "jobId", jobId);

    /// <summary>
    /// Cancels a job (<see cref="ImportJobs.CancelAsync"/>): 202 with the job as it now is, 404 for an unknown or forgotten
    /// job, 409 (<see cref="ImportProblemCodes.JobFinished"/>) for a finished one.
    /// </summary>
    /// <param name="jobId">The job's id (32 hexadecimal characters, from POST /api/v1/imports/{kind}).</param>
    /// <param name="jobs">Jobs.</param>
    /// <param name="localizer">Writes the texts in the request's language.</param>
    /// <param name="cancellationToken">Request aborted.</param>
    internal static async Task<Results<Accepted<ImportJobResponse>, ProblemHttpResult>> CancelJob(string jobId, ImportJobs jobs,
        IStringLocalizer<Messages> localizer, CancellationToken cancellationToken)
    {
        var (result, job) = await jobs.CancelAsync(jobId, cancellationToken);
        return result switch
        {
            ImportJobCancellation.Cancelled => TypedResults.Accepted($"/api/v1/imports/jobs/{jobId}", ImportJobResponse.Of(job!, localizer)),
            ImportJobCancellation.AlreadyFinished => Problems.Of(StatusCodes.Status409Conflict, ImportProblemCodes.JobFinished, "jobId", jobId),
            _ => Problems.NotFound(ImportProblemCodes.JobUnknown, "jobId", jobId),
        };
    }

    // 422 with every reason the file cannot be read (the page lists errors[].column and errors[].reason).
    private static ProblemHttpResult Unreadable(string fileName, IReadOnlyList<ImportError> errors)
    {
        var problem = Problems.Of(StatusCodes.Status422UnprocessableEntity, ImportProblemCodes.FileUnreadable, null, fileName, errors[0].Reason);
        problem.ProblemDetails.Extensions["errors"] = errors;
        return problem;
    }
}
