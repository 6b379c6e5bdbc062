namespace RiskMap.Api.Features.Import;

/// <summary>Loads the demo district from the files in data/ through <see cref="ImportService"/>.</summary>
public sealed class DemoDataLoader(ImportService import)
{
    /// <summary>Loads every demo file from <paramref name="directory"/> in one transaction.</summary>
    public Task<string> LoadAsync(string directory, CancellationToken cancellationToken)
    {
        _ = import;
        throw new NotImplementedException(directory);
    }
}
