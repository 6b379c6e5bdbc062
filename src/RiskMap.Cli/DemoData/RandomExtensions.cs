namespace RiskMap.Cli.DemoData;

/// <summary>
/// Sampling helpers over <see cref="Random"/>. Everything is deterministic for a given seed and call order,
/// which is what makes the demo data reproducible.
/// </summary>
internal static class RandomExtensions
{
    /// <summary>An index drawn with probability proportional to <paramref name="weights"/> (all ≥ 0, sum &gt; 0).</summary>
    public static int WeightedIndex(this Random rng, IReadOnlyList<double> weights)
    {
        var total = weights.Sum();
        var x = rng.NextDouble() * total;
        for (var i = 0; i < weights.Count; i++)
        {
            x -= weights[i];
            if (x < 0) return i;
        }
        for (var i = weights.Count - 1; i >= 0; i--) if (weights[i] > 0) return i;
        throw new ArgumentException("All weights are zero.", nameof(weights));
    }

    /// <summary>A value drawn from <paramref name="choices"/> with probability proportional to each weight.</summary>
    public static T Pick<T>(this Random rng, IReadOnlyList<(T Value, double Weight)> choices)
        => choices[rng.WeightedIndex(choices.Select(c => c.Weight).ToList())].Value;

    /// <summary>
    /// <paramref name="count"/> distinct items drawn without replacement with probability proportional to
    /// <paramref name="weight"/> (Efraimidis–Spirakis keys), in draw order.
    /// </summary>
    /// <exception cref="ArgumentException">Fewer items with positive weight than <paramref name="count"/>.</exception>
    public static List<T> WeightedSample<T>(this Random rng, IEnumerable<T> items, int count, Func<T, double> weight)
    {
        var keyed = items.Select(item => (Item: item, W: weight(item)))
            .Where(p => p.W > 0)
            .Select(p => (p.Item, Key: Math.Log(1 - rng.NextDouble()) / p.W))
            .ToList();
        if (keyed.Count < count) throw new ArgumentException($"Only {keyed.Count} items to draw {count} from.", nameof(items));
        // Stable order: OrderByDescending keeps input order on equal keys.
        return keyed.OrderByDescending(p => p.Key).Take(count).Select(p => p.Item).ToList();
    }

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher–Yates) and returns it.</summary>
    public static List<T> ShuffleInPlace<T>(this Random rng, List<T> items)
    {
        for (var i = items.Count - 1; i > 0; i--)
        {
            var j = rng.Next(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
        return items;
    }

    /// <summary>A day in [<paramref name="from"/>, <paramref name="to"/>]; <paramref name="from"/> when the range is empty.</summary>
    public static DateOnly DayBetween(this Random rng, DateOnly from, DateOnly to)
        => to <= from ? from : from.AddDays(rng.Next(to.DayNumber - from.DayNumber + 1));

    /// <summary>A Poisson-distributed count with mean <paramref name="mean"/> (Knuth's method, fine for small means).</summary>
    public static int Poisson(this Random rng, double mean)
    {
        var limit = Math.Exp(-mean);
        var product = rng.NextDouble();
        var k = 0;
        while (product > limit)
        {
            k++;
            product *= rng.NextDouble();
        }
        return k;
    }

    /// <summary>A standard normal value (Box–Muller).</summary>
    public static double Gaussian(this Random rng)
        => Math.Sqrt(-2 * Math.Log(1 - rng.NextDouble())) * Math.Cos(2 * Math.PI * rng.NextDouble());

    /// <summary>
    /// Splits <paramref name="total"/> into whole shares proportional to <paramref name="weights"/> (largest
    /// remainder), each at least <paramref name="minimum"/>.
    /// </summary>
    /// <exception cref="ArgumentException">When the minimums alone exceed the total.</exception>
    public static int[] Apportion(int total, IReadOnlyList<double> weights, int minimum = 0)
    {
        var free = total - minimum * weights.Count;
        if (free < 0) throw new ArgumentException($"{total} cannot give {minimum} to each of {weights.Count}.", nameof(total));
        var sum = weights.Sum();
        var quotas = weights.Select(w => free * w / sum).ToArray();
        var shares = quotas.Select(q => (int)Math.Floor(q)).ToArray();
        var left = free - shares.Sum();
        foreach (var i in Enumerable.Range(0, weights.Count).OrderByDescending(i => quotas[i] - shares[i]).ThenBy(i => i).Take(left))
            shares[i]++;
        return shares.Select(s => s + minimum).ToArray();
    }
}
