using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;

namespace RiskMap.Api.Features.Search;

/// <summary>Maps <c>/api/v1/search</c>, the map's search box.</summary>
public static class SearchApi
{
    /// <summary>Maps the search endpoint on <paramref name="api"/>.</summary>
    public static RouteGroupBuilder MapSearch(this RouteGroupBuilder api)
    {
        api.MapGet("/search", Search).WithTags("Search").WithName("Search")
            .WithSummary("Enterprises and townships whose name, address or credit code match a text, within the caller's townships, best first.")
            .WithDescription(
                "Enterprises whose name or address holds the text, whose name is spelt nearly the same (pg_trgm similarity) or whose " +
                "credit code is the text, and townships whose name holds it or is similar; only those of the caller's townships. " +
                "Ranked: exact name or credit code first, then names starting with the text, names holding it, addresses holding it " +
                "and similar names, each by similarity. A text over 100 characters is 400.")
            .Produces<SearchAnswer>(StatusCodes.Status200OK, "application/json")
            .ProducesValidationProblem();
        return api;
    }

    /// <summary>The results for <paramref name="query"/> within <paramref name="scope"/>.</summary>
    internal static async Task<Ok<SearchAnswer>> Search([AsParameters] SearchQuery query, NpgsqlDataSource dataSource, Accounts.ReadScope scope,
        CancellationToken cancellationToken)
    {
        var text = query.Q!.Trim();
        var hits = await SearchQueries.SearchAsync(dataSource, text, query.Limit, scope.AsArray(), cancellationToken);
        return TypedResults.Ok(new SearchAnswer(text, hits));
    }
}
