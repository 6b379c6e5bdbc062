using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using RiskMap.Api.Contract;
using RiskMap.Api.Features.Enterprises;

namespace RiskMap.Api.Features.Tiles;

/// <summary>The address and query of <c>GET /api/v1/tiles/enterprises/{z}/{x}/{y}.mvt</c>; x and y must lie in the grid of z.</summary>
/// <param name="Z">Zoom.</param>
/// <param name="X">Column, 0 … 2^z − 1, from the west.</param>
/// <param name="Y">Row, 0 … 2^z − 1, from the north (XYZ, as Leaflet and OpenStreetMap count).</param>
/// <param name="Sector">Only these sectors: comma-separated sector codes; all when absent.</param>
/// <param name="OpenHazardLevel">
/// Only enterprises whose open hazards on <c>asOf</c> are: Major (an open major hazard), General (open general hazards
/// only), Any (something open) or None (nothing open); all when absent.
/// </param>
/// <param name="AsOf">The day open hazards are counted on, yyyy-MM-dd (China Standard Time); default today.</param>
/// <param name="Township">Only this 9-digit township; it must be one the caller may read (403 otherwise). Every readable township when absent.</param>
public sealed record TileQuery(
    [FromRoute(Name = "z"), InRange(nameof(Ranges.Zoom))] int Z,
    [FromRoute(Name = "x")] int X,
    [FromRoute(Name = "y")] int Y,
    SectorList? Sector = null,
    OpenHazardLevel? OpenHazardLevel = null,
    [InRange(nameof(Ranges.Day))] DateOnly? AsOf = null,
    [DigitCode(9)] string? Township = null) : IValidatableObject
{
    /// <summary>x or y outside the 2^z columns and rows of zoom z: <see cref="ProblemCodes.Range"/> naming it.</summary>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        var last = (int)((1L << Z) - 1);
        if (X < 0 || X > last) yield return new CodedValidationResult(ProblemCodes.Range, [nameof(X)], 0, last, X);
        if (Y < 0 || Y > last) yield return new CodedValidationResult(ProblemCodes.Range, [nameof(Y)], 0, last, Y);
    }
}
