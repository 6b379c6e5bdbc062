using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using Npgsql;
using RiskMap.Api.Contract;
using RiskMap.Api.Data;
using RiskMap.Api.Features.Accounts;
using RiskMap.Api.Resources;

namespace RiskMap.Api.Features.Reports;

/// <summary>Maps <c>/api/v1/reports/campaign</c>: the campaign bulletin (通报) and its publications.</summary>
public static class ReportsApi
{
    /// <summary>The response header that carries the bulletin's record fingerprint (<see cref="RecordFingerprint.Sha256"/>).</summary>
    public const string FingerprintHeader = "X-Records-Fingerprint";

    /// <summary>Maps the bulletin endpoints on <paramref name="api"/> (a group that requires a signed-in reader).</summary>
    public static RouteGroupBuilder MapReports(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/reports/campaign").WithTags("Reports").ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/", GetBulletin)
            .WithName("GetCampaignBulletin")
            .WithSummary("The campaign bulletin (通报) of a district or township over a period, written from the records as DOCX, PDF or HTML.")
            .WithDescription(
                "A Chinese government document, so its text is Chinese whatever Accept-Language says (problems are in the reader's " +
                "language): title and period; the headline paragraph in the published sentence shape (组织检查组…个，出动检查人次…次；" +
                "累计检查企业…家，排查一般隐患…项，完成整治…项，整改率为…%；排查出重大隐患…项，完成整治…项，整改率…%。下达执法文书…份，" +
                "提醒约谈…人次，立案查处企业…家，共处罚款…万元); per-township and per-sector tables; the major hazards open at the " +
                "period's end that are overdue or supervised, with deadlines and responsible persons; a monthly trend chart; an appendix " +
                "with the counting rule (口径) of every figure. Every figure is the statistics endpoint's. The bulletin and the " +
                $"{FingerprintHeader} header carry the SHA-256 fingerprint of the records the figures came from. A township chief's " +
                "bulletin covers their township only and says so. 400 names each bad parameter; 403 for a township outside the " +
                "caller's; 404 for an unknown district or township.")
            .Produces(StatusCodes.Status200OK, typeof(byte[]), BulletinDocx.MediaType, "application/pdf", "text/html");
        group.MapPost("/publications", Publish)
            .RequireAuthorization(p => p.RequireRole(Roles.DistrictLeader, Roles.Admin))
            .WithName("PublishCampaignBulletin")
            .WithSummary("Publishes a campaign bulletin: stores its parameters, figures and record fingerprint for good.")
            .WithDescription(
                "District leaders and administrators only. Computes the bulletin's figures for the body's district or township " +
                "and period and stores them with the fingerprint and the id and version of every record they came from; the " +
                "database refuses any later UPDATE or DELETE of a publication. 201 with the publication and its Location; 400 " +
                "names each bad field; 403 for other roles or a township outside the caller's; 404 for an unknown district or " +
                "township; 409 when the records kept changing while the figures were computed.")
            .Accepts<PublicationRequest>("application/json")
            .Produces<Publication>(StatusCodes.Status201Created, "application/json")
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapGet("/publications/{id:long}", GetPublication)
            .WithName("GetCampaignBulletinPublication")
            .WithSummary("A published bulletin as stored, and what has changed in its records since.")
            .WithDescription(
                "The publication's parameters, figures and fingerprint as published; the fingerprint of today's records for the " +
                "same parameters; when they differ, every record changed, added or no longer counted (kind, id, reference) and " +
                "every published figure whose value today differs (published and today's value). 404 for an unknown id and for " +
                "a publication covering townships outside the caller's.")
            .Produces<PublicationComparison>(StatusCodes.Status200OK, "application/json");
        return group;
    }

    /// <summary>
    /// The bulletin of <paramref name="query"/> in its format: 403 for a township outside the caller's, 404 for an unknown
    /// district or township.
    /// </summary>
    internal static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetBulletin([AsParameters] CampaignReportQuery query,
        HttpContext http, RiskMapDbContext db, NpgsqlDataSource dataSource, ReadScope scope, TimeProvider time,
        IStringLocalizer<Messages> text, IOptions<MapConfig.MapOptions> mapOptions, CancellationToken cancellationToken)
    {
        var (area, problem) = await AreaAsync(db, query.District, query.Township, query.From!.Value, query.To!.Value, scope, cancellationToken);
        if (problem is not null) return problem;
        var bulletin = await CampaignBulletin.BuildAsync(db, dataSource, area!, time, cancellationToken) with
        {
            Map = await MapAsync(area!, db, dataSource, time, scope, text, mapOptions.Value, cancellationToken),
        };
        var blocks = BulletinText.Compose(bulletin);
        var title = BulletinText.Title(bulletin);
        http.Response.Headers[FingerprintHeader] = bulletin.Fingerprint.Sha256;
        var name = $"campaign-bulletin-{area!.Township ?? area.District}-{area.From:yyyyMMdd}-{area.To:yyyyMMdd}";
        return query.Format.Trim().ToLowerInvariant() switch // [OneOf] takes any letter case
        {
            CampaignReportQuery.Pdf => TypedResults.File(BulletinPdf.Write(blocks, title), "application/pdf", name + ".pdf"),
            CampaignReportQuery.Html => TypedResults.File(BulletinHtml.Write(blocks, title), "text/html; charset=utf-8"),
            _ => TypedResults.File(BulletinDocx.Write(blocks, title), BulletinDocx.MediaType, name + ".docx"),
        };
    }

    /// <summary>
    /// The bulletin's map figure: the printed choropleth (<see cref="Maps.MapsApi.BuildAsync"/>; A4 landscape, open major
    /// hazards, every sector) of the bulletin's area on the period's last day, within the caller's scope, in Chinese like
    /// the rest of the bulletin whatever the request's language.
    /// </summary>
    private static async Task<Maps.PrintedMap?> MapAsync(BulletinArea area, RiskMapDbContext db, NpgsqlDataSource dataSource,
        TimeProvider time, ReadScope scope, IStringLocalizer<Messages> text, MapConfig.MapOptions options, CancellationToken cancellationToken)
    {
        var culture = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            var (map, problem) = await Maps.MapsApi.BuildAsync(new Maps.PrintedMapQuery(AsOf: area.To, Township: area.Township, District: area.District),
                db, dataSource, time, scope, text, options, cancellationToken);
            return problem is null ? map : null;
        }
        finally
        {
            CultureInfo.CurrentUICulture = culture;
        }
    }

    /// <summary>
    /// Publishes the bulletin of <paramref name="request"/>: the fingerprint, then the figures, then both stored in one
    /// transaction if the records did not change meanwhile (three tries, then 409).
    /// </summary>
    internal static async Task<Results<Created<Publication>, ProblemHttpResult>> Publish(PublicationRequest request, ClaimsPrincipal user,
        RiskMapDbContext db, NpgsqlDataSource dataSource, ReadScope scope, CancellationToken cancellationToken)
    {
        var (area, problem) = await AreaAsync(db, request.District, request.Township, request.From!.Value, request.To!.Value, scope, cancellationToken);
        if (problem is not null) return problem;
        var townships = await CoveredTownshipsAsync(db, area!, cancellationToken);
        var by = user.Identity?.Name ?? "";
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var fingerprint = await BulletinQueries.FingerprintAsync(dataSource, area!, cancellationToken);
            var figures = await CampaignBulletin.FiguresAsync(dataSource, area!, townships, cancellationToken);
            if (await BulletinQueries.PublishAsync(dataSource, area!, by, figures, fingerprint, cancellationToken) is { } stored)
                return TypedResults.Created($"/api/v1/reports/campaign/publications/{stored.Id}",
                    new Publication(stored.Id, stored.At, by, area!.District, area.Township, area.From, area.To, fingerprint, figures));
        }
        return Problems.Of(StatusCodes.Status409Conflict, ReportsProblemCodes.RecordsChanging);
    }

    /// <summary>
    /// Publication <paramref name="route"/> and what changed since: 404 when unknown or when it covers townships the caller
    /// may not read.
    /// </summary>
    internal static async Task<Results<Ok<PublicationComparison>, ProblemHttpResult>> GetPublication([AsParameters] PublicationRoute route,
        RiskMapDbContext db, NpgsqlDataSource dataSource, ReadScope scope, CancellationToken cancellationToken)
    {
        if (await BulletinQueries.FindAsync(dataSource, route.Id, cancellationToken) is not { } found)
            return Problems.NotFound(ReportsProblemCodes.PublicationUnknown, "id", route.Id);
        var (publication, publishedScope) = found;
        var area = new BulletinArea(publication.District, publication.Township, publication.From, publication.To, publishedScope);
        var covered = await CoveredTownshipsAsync(db, area, cancellationToken);
        // Like another township's hazard, a publication covering townships the caller may not read answers as an unknown id.
        if (covered.Any(t => !scope.Covers(t.Code)))
            return Problems.NotFound(ReportsProblemCodes.PublicationUnknown, "id", route.Id);

        var today = await BulletinQueries.FingerprintAsync(dataSource, area, cancellationToken);
        if (today.Sha256 == publication.Fingerprint.Sha256)
            return TypedResults.Ok(new PublicationComparison(publication, today, true, [], []));
        var records = await BulletinQueries.ChangedRecordsAsync(dataSource, publication.Id, area, cancellationToken);
        var figures = await CampaignBulletin.FiguresAsync(dataSource, area,
            publication.Figures.Townships.Select(t => (t.Code, t.Name)).ToList(), cancellationToken);
        return TypedResults.Ok(new PublicationComparison(publication, today, false, records, Differences(publication.Figures, figures)));
    }

    /// <summary>
    /// Every numeric figure of <paramref name="published"/> whose value in <paramref name="today"/> differs, by path
    /// (<c>headline.generalHazards.rectified</c>, <c>townships[431103001].finesYuan</c>, <c>sectors[gas].majorHazards.found</c>).
    /// </summary>
    internal static List<PublishedFigureChange> Differences(BulletinFigures published, BulletinFigures today)
    {
        var before = Flatten(published);
        var after = Flatten(today);
        return before.Keys.Union(after.Keys).Order(StringComparer.Ordinal)
            .Select(k => new PublishedFigureChange(k, before.GetValueOrDefault(k), after.GetValueOrDefault(k)))
            .Where(c => c.Published != c.Today).ToList();
    }

    private static Dictionary<string, decimal?> Flatten(BulletinFigures figures)
    {
        var values = new Dictionary<string, decimal?>(StringComparer.Ordinal);
        void Walk(string path, JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    foreach (var (key, child) in o) Walk($"{path}.{key}", child);
                    break;
                case JsonValue v when v.GetValueKind() == JsonValueKind.Number:
                    values[path] = v.GetValue<decimal>();
                    break;
                case null:
                    values[path] = null;
                    break;
            }
        }
        JsonNode? Node<T>(T value) => JsonSerializer.SerializeToNode(value, BulletinQueries.Json);
        Walk("headline", Node(figures.Headline));
        foreach (var t in figures.Townships) Walk($"townships[{t.Code}]", Node(t.Figures));
        foreach (var s in figures.Sectors) Walk($"sectors[{s.Code}]", Node(s.Figures));
        // Rates are null when nothing was found; a null that stays null is no difference, a key that is not a figure is none.
        foreach (var key in values.Where(p => p.Value is null && !p.Key.EndsWith("rectificationRate", StringComparison.Ordinal)).Select(p => p.Key).ToList())
            values.Remove(key);
        return values;
    }

    /// <summary>The area of a bulletin request, or a problem: 403 for a township outside the caller's, 404 for an unknown district or township.</summary>
    private static async Task<(BulletinArea? Area, ProblemHttpResult? Problem)> AreaAsync(RiskMapDbContext db, string? district, string? township,
        DateOnly from, DateOnly to, ReadScope scope, CancellationToken cancellationToken)
    {
        if (township is not null && !scope.Covers(township)) return (null, Problems.OutsideScope("township", township));
        var (resolved, problem) = await Areas.DistrictAsync(db, district, cancellationToken);
        if (problem is not null) return (null, problem);
        if (township is not null && await Areas.TownshipExistsAsync(db, township, resolved, cancellationToken) is { } missing) return (null, missing);
        return (new BulletinArea(resolved!, township, from, to, scope.AsArray()), null);
    }

    /// <summary>The townships of the district a bulletin for <paramref name="area"/> covers, by code.</summary>
    private static async Task<List<(string Code, string Name)>> CoveredTownshipsAsync(RiskMapDbContext db, BulletinArea area, CancellationToken cancellationToken)
        => (await db.Townships.Where(t => t.DistrictCode == area.District).OrderBy(t => t.Code).Select(t => new { t.Code, t.Name }).ToListAsync(cancellationToken))
            .Where(t => (area.Township is null || t.Code == area.Township) && (area.Scope is null || area.Scope.Contains(t.Code)))
            .Select(t => (t.Code, t.Name)).ToList();
}
