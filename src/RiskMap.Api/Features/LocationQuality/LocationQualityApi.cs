using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using RiskMap.Api.Contract;
using RiskMap.Api.Data;
using RiskMap.Api.Features.Accounts;

namespace RiskMap.Api.Features.LocationQuality;

/// <summary>
/// Maps the admins' data-quality endpoints under <c>/api/v1/enterprises</c>: the questionable locations with counts per
/// flag, the duplicate review queue, merging two records of one enterprise and marking two records distinct. Every
/// problem carries a code of <see cref="LocationQualityProblemCodes"/> or <see cref="ProblemCodes"/>.
/// </summary>
public static class LocationQualityApi
{
    /// <summary>Maps the endpoints on <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapLocationQuality(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/enterprises").WithTags("Enterprise data quality").RequireAuthorization(Policies.Admin)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapGet("/location-quality", GetLocationQuality).WithName("GetLocationQuality")
            .WithSummary("Counts of enterprises per location-quality flag, and the enterprises with questionable points, paged.")
            .WithDescription("For admins. Flags: SharedPoint (the same coordinates as 3 or more other enterprises), NearLabelPoint " +
                             "(within 50 m of a township's label point or the district's centroid), CoarseCoordinates (3 decimals or " +
                             "fewer) and AddressNamesOtherTownship (the address names another township of the district than the one " +
                             "the point falls in). The flags are computed by the database whenever an enterprise, township or " +
                             "district outline is written. 404 for an unknown township.")
            .Produces<LocationQualityReport>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/duplicates", GetDuplicates).WithName("GetDuplicateEnterprises")
            .WithSummary("The duplicate review queue: pairs of records of one district that may be one enterprise, most similar first.")
            .WithDescription("For admins. A pair is two records whose names have a pg_trgm similarity of at least minSimilarity " +
                             "and whose points lie within 200 m, or two records with the same name anywhere in the district. Pairs " +
                             "marked distinct are never listed again. Each record comes with its counts of inspections, hazards and " +
                             "enforcement actions. 404 for an unknown district.")
            .Produces<DuplicateCandidateList>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/merges", Merge).WithName("MergeEnterprises")
            .WithSummary("Merges one enterprise record into another: its inspections, hazards, enforcement actions and every other record move.")
            .WithDescription("In one transaction, with one audit row: every row of every table referring to the merged record moves " +
                             "to the survivor, which keeps its own name, credit code and point; the merged record is deleted. 400 " +
                             "when both ids are the same or the two records lie in different districts (or in no township); 404 for an " +
                             "unknown id. Nothing is written when the request is refused.")
            .Produces<EnterpriseMergeOutcome>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        group.MapPost("/distinct-pairs", MarkDistinct).WithName("MarkEnterprisesDistinct")
            .WithSummary("Records that two enterprise records are different enterprises, so the review queue never proposes them again.")
            .WithDescription("Written with an audit row; marking a pair again keeps the first decision. 400 when both ids are the " +
                             "same; 404 for an unknown id.")
            .Produces<DistinctEnterprisePair>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return group;
    }

    /// <summary>The counts per flag and a page of flagged enterprises; 404 for an unknown township.</summary>
    internal static async Task<Results<Ok<LocationQualityReport>, ProblemHttpResult>> GetLocationQuality([AsParameters] LocationQualityQuery query,
        RiskMapDbContext db, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        if (query.Township is { } township && await Areas.TownshipExistsAsync(db, township, null, cancellationToken) is { } missing) return missing;
        return TypedResults.Ok(await LocationQualityQueries.ReportAsync(dataSource, query.Flag, query.Township, query.Page, query.PageSize,
            cancellationToken));
    }

    /// <summary>The duplicate review queue; 404 for an unknown district.</summary>
    internal static async Task<Results<Ok<DuplicateCandidateList>, ProblemHttpResult>> GetDuplicates([AsParameters] DuplicateCandidateQuery query,
        RiskMapDbContext db, NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        if (query.District is { } district && !await db.Districts.AnyAsync(d => d.Code == district, cancellationToken))
            return Problems.NotFound(ProblemCodes.DistrictUnknown, "district", district);
        return TypedResults.Ok(await DuplicateCandidates.ListAsync(dataSource, query.MinSimilarity, query.District, query.Limit, cancellationToken));
    }

    /// <summary>
    /// Merges <see cref="MergeEnterprisesRequest.MergedId"/> into <see cref="MergeEnterprisesRequest.SurvivorId"/> with
    /// <c>riskmap_enterprises_merge</c> (Data/Sql/riskmap_enterprises_merge.sql), both records locked first (in id order);
    /// 404 <see cref="LocationQualityProblemCodes.EnterpriseUnknown"/>, 400 <see cref="LocationQualityProblemCodes.AcrossDistricts"/>.
    /// </summary>
    internal static async Task<Results<Ok<EnterpriseMergeOutcome>, ProblemHttpResult>> Merge(MergeEnterprisesRequest request, ClaimsPrincipal user,
        RiskMapDbContext db, CancellationToken cancellationToken)
    {
        var survivorId = request.SurvivorId!.Value;
        var mergedId = request.MergedId!.Value;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = await ConnectionAsync(db, cancellationToken);
        var records = await LockAsync(connection, [survivorId, mergedId], cancellationToken);
        if (!records.TryGetValue(survivorId, out var survivor)) return Unknown("survivorId", survivorId);
        if (!records.TryGetValue(mergedId, out var merged)) return Unknown("mergedId", mergedId);
        if (survivor.District is null || merged.District != survivor.District)
            return Problems.Invalid("mergedId", LocationQualityProblemCodes.AcrossDistricts, mergedId, merged.District ?? "—", survivor.District ?? "—");

        await using var command = new NpgsqlCommand("SELECT table_name, column_name, moved FROM riskmap_enterprises_merge(@survivor, @merged)", connection);
        command.Parameters.AddWithValue("survivor", survivorId);
        command.Parameters.AddWithValue("merged", mergedId);
        var moved = await Sql.QueryAsync(command, r => new MovedEnterpriseRecords(r.Get<string>("table_name"), r.Get<string>("column_name"),
            r.Get<long>("moved")), cancellationToken);
        var outcome = new EnterpriseMergeOutcome(survivorId, mergedId, moved);
        Audit.Add(db, user, "enterprise.merge", "enterprise", survivorId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            new { survivor, merged }, outcome);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(outcome);
    }

    /// <summary>Records that two records are different enterprises; 404 <see cref="LocationQualityProblemCodes.EnterpriseUnknown"/>.</summary>
    internal static async Task<Results<Ok<DistinctEnterprisePair>, ProblemHttpResult>> MarkDistinct(DistinctEnterprisesRequest request,
        ClaimsPrincipal user, RiskMapDbContext db, CancellationToken cancellationToken)
    {
        var firstId = Math.Min(request.FirstId!.Value, request.SecondId!.Value);
        var secondId = Math.Max(request.FirstId.Value, request.SecondId.Value);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var connection = await ConnectionAsync(db, cancellationToken);
        var records = await LockAsync(connection, [firstId, secondId], cancellationToken);
        if (!records.ContainsKey(request.FirstId.Value)) return Unknown("firstId", request.FirstId.Value);
        if (!records.ContainsKey(request.SecondId.Value)) return Unknown("secondId", request.SecondId.Value);

        await using var command = new NpgsqlCommand("""
            INSERT INTO enterprise_distinct_pairs (first_id, second_id, decided_by) VALUES (@first, @second, @by)
            ON CONFLICT (first_id, second_id) DO UPDATE SET first_id = EXCLUDED.first_id
            RETURNING first_id, second_id, decided_at, decided_by, (xmax = 0) AS inserted
            """, connection);
        command.Parameters.AddWithValue("first", firstId);
        command.Parameters.AddWithValue("second", secondId);
        command.Parameters.AddWithValue("by", user.Identity?.Name ?? "system");
        var (pair, inserted) = (await Sql.QueryAsync(command, r => (new DistinctEnterprisePair(r.Get<long>("first_id"), r.Get<long>("second_id"),
            r.Get<DateTimeOffset>("decided_at"), r.Get<string>("decided_by")), r.Get<bool>("inserted")), cancellationToken)).Single();
        if (inserted)
        {
            Audit.Add(db, user, "enterprise.distinct", "enterprise", firstId.ToString(System.Globalization.CultureInfo.InvariantCulture), null, pair);
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Ok(pair);
    }

    /// <summary>An enterprise record as the audit row of a merge keeps it.</summary>
    /// <param name="Id">Id.</param>
    /// <param name="Name">Name.</param>
    /// <param name="CreditCode">Credit code.</param>
    /// <param name="Township">Township code.</param>
    /// <param name="District">District code of the township, null when in none.</param>
    internal sealed record LockedEnterprise(long Id, string Name, string CreditCode, string? Township, string? District);

    private static ProblemHttpResult Unknown(string field, long id) => Problems.NotFound(LocationQualityProblemCodes.EnterpriseUnknown, field, id);

    private static async Task<NpgsqlConnection> ConnectionAsync(RiskMapDbContext db, CancellationToken cancellationToken)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        return (NpgsqlConnection)db.Database.GetDbConnection();
    }

    // Row locks in id order, so that two merges of the same records queue instead of deadlocking.
    private static async Task<Dictionary<long, LockedEnterprise>> LockAsync(NpgsqlConnection connection, long[] ids, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT e.id, e.name, e.credit_code, e.township_code, t.district_code
            FROM enterprises e LEFT JOIN townships t ON t.code = e.township_code
            WHERE e.id = ANY(@ids) ORDER BY e.id FOR UPDATE OF e
            """, connection);
        command.Parameters.AddWithValue("ids", ids);
        var rows = await Sql.QueryAsync(command, r => new LockedEnterprise(r.Get<long>("id"), r.Get<string>("name"), r.Get<string>("credit_code"),
            r.NullableString("township_code"), r.NullableString("district_code")), cancellationToken);
        return rows.ToDictionary(r => r.Id);
    }
}
