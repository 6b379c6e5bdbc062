using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using RiskMap.Api.Contract;
using RiskMap.Api.Data;

namespace RiskMap.Api.Features;

/// <summary>Resolves the district and township parameters shared by the read endpoints.</summary>
public static class Areas
{
    /// <summary>
    /// The district to answer for: <paramref name="code"/> when given and known; the only district when not given and
    /// the database holds exactly one. Otherwise a problem naming the parameter <c>district</c>: 400
    /// (<see cref="ProblemCodes.DistrictNone"/>, <see cref="ProblemCodes.DistrictRequired"/>) when it is missing
    /// and the database holds none or several, 404 (<see cref="ProblemCodes.DistrictUnknown"/>) when unknown.
    /// </summary>
    public static async Task<(string? Code, ProblemHttpResult? Problem)> DistrictAsync(RiskMapDbContext db, string? code,
        CancellationToken cancellationToken)
    {
        if (code is not null)
        {
            return await db.Districts.AnyAsync(d => d.Code == code, cancellationToken)
                ? (code, null)
                : (null, Problems.NotFound(ProblemCodes.DistrictUnknown, "district", code));
        }
        var districts = await db.Districts.OrderBy(d => d.Code).Select(d => d.Code).Take(2).ToListAsync(cancellationToken);
        if (districts.Count == 1) return (districts[0], null);
        return (null, Problems.Invalid("district", districts.Count == 0 ? ProblemCodes.DistrictNone : ProblemCodes.DistrictRequired));
    }

    /// <summary>A 404 problem unless township <paramref name="code"/> exists (and lies in <paramref name="district"/> when given).</summary>
    public static async Task<ProblemHttpResult?> TownshipExistsAsync(RiskMapDbContext db, string code, string? district,
        CancellationToken cancellationToken)
        => await db.Townships.AnyAsync(t => t.Code == code && (district == null || t.DistrictCode == district), cancellationToken)
            ? null
            : district is null
                ? Problems.NotFound(ProblemCodes.TownshipUnknown, "township", code)
                : Problems.NotFound(ProblemCodes.TownshipUnknownInDistrict, "township", code, district);
}
