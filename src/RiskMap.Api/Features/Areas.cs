using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using RiskMap.Api.Data;

namespace RiskMap.Api.Features;

/// <summary>Resolves the district and township parameters shared by the read endpoints.</summary>
public static class Areas
{
    /// <summary>
    /// The district to answer for: <paramref name="code"/> when given and known; the only district when not given and
    /// the database holds exactly one. Otherwise a problem: 400 when it is missing but ambiguous, 404 when unknown.
    /// </summary>
    public static async Task<(string? Code, ProblemHttpResult? Problem)> DistrictAsync(RiskMapDbContext db, RequestValidator q, string? code,
        CancellationToken cancellationToken)
    {
        if (code is not null)
        {
            return await db.Districts.AnyAsync(d => d.Code == code, cancellationToken)
                ? (code, null)
                : (null, Contract.Problems.NotFound(Contract.ProblemCodes.DistrictUnknown, "district", code));
        }
        var districts = await db.Districts.OrderBy(d => d.Code).Select(d => d.Code).Take(2).ToListAsync(cancellationToken);
        if (districts.Count == 1) return (districts[0], null);
        q.AddError("district", districts.Count == 0
            ? "The database holds no district yet: import one first."
            : "The 'district' parameter is required when the database holds more than one district.");
        return (null, q.ToProblem());
    }

    /// <summary>
    /// The district to answer for, for endpoints whose parameters were validated before the handler: <paramref name="code"/>
    /// when given and known; the only district when not given and the database holds exactly one. Otherwise a coded
    /// problem: 404 (<see cref="Contract.ProblemCodes.DistrictUnknown"/>)
    /// for an unknown code; 400 naming <c>district</c> when none is given and the database holds several
    /// (<see cref="Contract.ProblemCodes.DistrictRequired"/>) or none (<see cref="Contract.ProblemCodes.DistrictNone"/>).
    /// </summary>
    public static async Task<(string? Code, ProblemHttpResult? Problem)> DistrictAsync(RiskMapDbContext db, string? code, CancellationToken cancellationToken)
    {
        if (code is not null)
        {
            return await db.Districts.AnyAsync(d => d.Code == code, cancellationToken)
                ? (code, null)
                : (null, Contract.Problems.NotFound(Contract.ProblemCodes.DistrictUnknown, "district", code));
        }
        var districts = await db.Districts.OrderBy(d => d.Code).Select(d => d.Code).Take(2).ToListAsync(cancellationToken);
        return districts.Count == 1
            ? (districts[0], null)
            : (null, Contract.Problems.Invalid("district", districts.Count == 0 ? Contract.ProblemCodes.DistrictNone : Contract.ProblemCodes.DistrictRequired));
    }

    /// <summary>A 404 problem unless township <paramref name="code"/> exists (and lies in <paramref name="district"/> when given).</summary>
    public static async Task<ProblemHttpResult?> TownshipExistsAsync(RiskMapDbContext db, string code, string? district,
        CancellationToken cancellationToken)
        => await db.Townships.AnyAsync(t => t.Code == code && (district == null || t.DistrictCode == district), cancellationToken)
            ? null
            : district is null
                ? Contract.Problems.NotFound(Contract.ProblemCodes.TownshipUnknown, "township", code)
                : Contract.Problems.NotFound(Contract.ProblemCodes.TownshipUnknownInDistrict, "township", code, district);
}
