namespace RiskMap.Api.Features.Townships;

/// <summary>One legend class: counts from <see cref="Min"/> to <see cref="Max"/> inclusive.</summary>
/// <param name="Min">Smallest count in the class.</param>
/// <param name="Max">Largest count in the class; equal to <paramref name="Min"/> for a one-value class such as zero.</param>
public sealed record ClassRange(int Min, int Max);

/// <summary>
/// Legend classes for a count map. Zero always has a class of its own (a township with nothing open reads
/// differently from one with one major hazard), classes never repeat or overlap (no "0–0", no "2–2" beside "2–5"),
/// and the positive values are split at quantiles, so that each class holds about as many townships.
/// </summary>
public static class ClassBreaks
{
    /// <summary>
    /// Computes up to <paramref name="maxClasses"/> classes (zero included) over <paramref name="values"/>; null values
    /// ("no data") are ignored. With few distinct positive values each gets its own class.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxClasses"/> is below 2, or a value is negative.</exception>
    public static IReadOnlyList<ClassRange> Compute(IEnumerable<int?> values, int maxClasses = 5)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxClasses, 2);
        var positive = new List<int>();
        foreach (var v in values)
        {
            if (v is null) continue;
            if (v < 0) throw new ArgumentOutOfRangeException(nameof(values), v, "Counts cannot be negative.");
            if (v > 0) positive.Add(v.Value);
        }
        positive.Sort();
        var classes = new List<ClassRange> { new(0, 0) };
        if (positive.Count == 0) return classes;

        var distinct = positive.Distinct().ToList();
        var slots = maxClasses - 1;
        if (distinct.Count <= slots)
        {
            classes.AddRange(distinct.Select(v => new ClassRange(v, v)));
            return classes;
        }

        // Upper bounds at the quantiles k/slots of the positive values (nearest rank), deduplicated; the last is the maximum.
        var uppers = new SortedSet<int>();
        for (var k = 1; k < slots; k++)
            uppers.Add(positive[(int)Math.Ceiling(k * positive.Count / (double)slots) - 1]);
        uppers.Add(positive[^1]);
        var min = 1;
        foreach (var upper in uppers)
        {
            if (upper < min) continue;
            classes.Add(new ClassRange(min, upper));
            min = upper + 1;
        }
        return classes;
    }
}
