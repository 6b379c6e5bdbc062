namespace RiskMap.Api.Features.Routing;

/// <summary>A WGS-84 position: longitude and latitude in degrees (GeoJSON order).</summary>
/// <param name="Longitude">Degrees east, −180 … 180.</param>
/// <param name="Latitude">Degrees north, −90 … 90.</param>
public readonly record struct LonLat(double Longitude, double Latitude)
{
    /// <summary>True when both values are finite and inside their ranges (longitude −180…180, latitude −90…90).</summary>
    public bool IsValid =>
        double.IsFinite(Longitude) && double.IsFinite(Latitude) && Math.Abs(Longitude) <= 180 && Math.Abs(Latitude) <= 90;
}

/// <summary>
/// Distance in metres along the WGS-84 ellipsoid (a = 6 378 137 m, f = 1/298.257 223 563) between two
/// longitude/latitude points, by Vincenty's inverse formula.
/// </summary>
/// <remarks>
/// Source: T. Vincenty, "Direct and inverse solutions of geodesics on the ellipsoid with application of
/// nested equations", Survey Review 23(176):88–93, 1975, equations for the inverse problem (λ iterated
/// until it changes by less than 1e-12 rad, about 0.006 mm). The formula is accurate to well under a
/// millimetre but its iteration does not converge for some nearly antipodal pairs (points roughly
/// 179.5°+ apart); for those the distance falls back to the haversine great-circle distance on the IUGG
/// mean radius R₁ = (2a + b)/3 = 6 371 008.771 m, within about 0.5 % of the geodesic. Such pairs never
/// arise inside a district.
/// </remarks>
public static class GeodesicDistance
{
    /// <summary>WGS-84 semi-major axis in metres.</summary>
    public const double SemiMajorAxis = 6378137.0;

    /// <summary>WGS-84 flattening.</summary>
    public const double Flattening = 1 / 298.257223563;

    /// <summary>WGS-84 semi-minor axis b = a(1 − f), in metres.</summary>
    public const double SemiMinorAxis = SemiMajorAxis * (1 - Flattening);

    /// <summary>IUGG mean radius R₁ = (2a + b)/3 in metres, used by the antipodal fallback.</summary>
    public const double MeanRadius = (2 * SemiMajorAxis + SemiMinorAxis) / 3;

    private const double Convergence = 1e-12;
    private const int MaxIterations = 200;

    /// <summary>Geodesic distance in metres between two WGS-84 points.</summary>
    /// <exception cref="ArgumentOutOfRangeException">When a point is not finite or outside the longitude/latitude ranges.</exception>
    public static double Metres(LonLat from, LonLat to)
    {
        if (!from.IsValid) throw new ArgumentOutOfRangeException(nameof(from), from, "Longitude must be in −180…180 and latitude in −90…90 degrees.");
        if (!to.IsValid) throw new ArgumentOutOfRangeException(nameof(to), to, "Longitude must be in −180…180 and latitude in −90…90 degrees.");
        return Vincenty(from, to) ?? Haversine(from, to);
    }

    /// <summary>Vincenty's inverse solution; null when the λ iteration does not converge (nearly antipodal points).</summary>
    internal static double? Vincenty(LonLat from, LonLat to) => Vincenty(Reduced.Of(from), Reduced.Of(to));

    /// <summary>
    /// A point with its reduced latitude U (tan U = (1 − f) tan φ) already resolved into sin U and cos U: the part of
    /// Vincenty's inverse formula that depends on one point only, computed once per point when a whole matrix is built.
    /// </summary>
    internal readonly record struct Reduced(LonLat Point, double SinU, double CosU)
    {
        public static Reduced Of(LonLat point)
        {
            var u = Math.Atan((1 - Flattening) * Math.Tan(ToRadians(point.Latitude)));
            return new Reduced(point, Math.Sin(u), Math.Cos(u));
        }
    }

    /// <summary><see cref="Metres(LonLat, LonLat)"/> for points already checked and reduced.</summary>
    internal static double Metres(in Reduced from, in Reduced to) => Vincenty(from, to) ?? Haversine(from.Point, to.Point);

    /// <summary>Vincenty's inverse solution from reduced points; null when the λ iteration does not converge.</summary>
    internal static double? Vincenty(in Reduced from, in Reduced to)
    {
        const double a = SemiMajorAxis, b = SemiMinorAxis, f = Flattening;
        // Longitude difference in −180…180 so that lines across the antimeridian take the short way.
        var l = ToRadians(Math.IEEERemainder(to.Point.Longitude - from.Point.Longitude, 360));
        double sinU1 = from.SinU, cosU1 = from.CosU, sinU2 = to.SinU, cosU2 = to.CosU;

        var lambda = l;
        double sinSigma, cosSigma, sigma, cos2Alpha, cos2SigmaM;
        var iterations = 0;
        while (true)
        {
            double sinLambda = Math.Sin(lambda), cosLambda = Math.Cos(lambda);
            var x = cosU2 * sinLambda;
            var y = cosU1 * sinU2 - sinU1 * cosU2 * cosLambda;
            sinSigma = Math.Sqrt(x * x + y * y);
            if (sinSigma == 0) return 0; // the same point
            cosSigma = sinU1 * sinU2 + cosU1 * cosU2 * cosLambda;
            sigma = Math.Atan2(sinSigma, cosSigma);
            var sinAlpha = cosU1 * cosU2 * sinLambda / sinSigma;
            cos2Alpha = 1 - sinAlpha * sinAlpha;
            // On the equator cos²α = 0 and the term's limit is 0 (Vincenty's note to equation 3).
            cos2SigmaM = cos2Alpha == 0 ? 0 : cosSigma - 2 * sinU1 * sinU2 / cos2Alpha;
            var c = f / 16 * cos2Alpha * (4 + f * (4 - 3 * cos2Alpha));
            var previous = lambda;
            lambda = l + (1 - c) * f * sinAlpha
                * (sigma + c * sinSigma * (cos2SigmaM + c * cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)));
            if (Math.Abs(lambda - previous) < Convergence) break;
            if (++iterations >= MaxIterations || Math.Abs(lambda) > Math.PI) return null;
        }

        var uSquared = cos2Alpha * (a * a - b * b) / (b * b);
        var bigA = 1 + uSquared / 16384 * (4096 + uSquared * (-768 + uSquared * (320 - 175 * uSquared)));
        var bigB = uSquared / 1024 * (256 + uSquared * (-128 + uSquared * (74 - 47 * uSquared)));
        var deltaSigma = bigB * sinSigma * (cos2SigmaM + bigB / 4
            * (cosSigma * (-1 + 2 * cos2SigmaM * cos2SigmaM)
               - bigB / 6 * cos2SigmaM * (-3 + 4 * sinSigma * sinSigma) * (-3 + 4 * cos2SigmaM * cos2SigmaM)));
        return b * bigA * (sigma - deltaSigma);
    }

    /// <summary>Great-circle distance on the sphere of radius <see cref="MeanRadius"/> (haversine formula).</summary>
    internal static double Haversine(LonLat from, LonLat to)
    {
        var dLat = ToRadians(to.Latitude - from.Latitude);
        var dLon = ToRadians(to.Longitude - from.Longitude);
        var h = Math.Pow(Math.Sin(dLat / 2), 2)
            + Math.Cos(ToRadians(from.Latitude)) * Math.Cos(ToRadians(to.Latitude)) * Math.Pow(Math.Sin(dLon / 2), 2);
        return 2 * MeanRadius * Math.Asin(Math.Min(1, Math.Sqrt(h)));
    }

    private static double ToRadians(double degrees) => degrees * Math.PI / 180;
}
