using System.Text.Json;

namespace RiskMap.Api.Features.Ledger;

/// <summary>
/// The versioned catalogue of the national criteria for judging major hazards (重大事故隐患判定标准), per sector:
/// <c>data/hazard-criteria.json</c>, embedded in the service and read once. A Major hazard cites one clause by its id
/// <c>{document id}:{clause id}</c> (e.g. <c>mines-2022:1.1</c>), which must be of a document for the hazard's sector and
/// in force on the day the hazard was found (a hazard found in 2021 cannot cite 矿安〔2022〕88号, in force from 2022-09-01).
/// </summary>
public sealed class CriterionCatalogue
{
    private readonly Dictionary<string, (CriterionDocument Document, CriterionClause Clause)> clauses;

    private CriterionCatalogue(CriterionCatalogueFile file)
    {
        Version = file.Version;
        Documents = file.Documents;
        clauses = file.Documents.SelectMany(d => d.Clauses.Select(c => (Key: d.Id + ":" + c.Id, d, c)))
            .ToDictionary(x => x.Key, x => (x.d, x.c), StringComparer.Ordinal);
    }

    /// <summary>The catalogue embedded in the service (<c>data/hazard-criteria.json</c>).</summary>
    public static CriterionCatalogue Embedded { get; } = Load();

    /// <summary>The catalogue's version (a date, yyyy-MM-dd, of its last change).</summary>
    public string Version { get; }

    /// <summary>The documents, in file order.</summary>
    public IReadOnlyList<CriterionDocument> Documents { get; }

    /// <summary>
    /// Checks that <paramref name="clauseId"/> may be cited by a hazard of <paramref name="sector"/> found on
    /// <paramref name="foundOn"/>; null when it may, else the field error's code and arguments
    /// (<see cref="LedgerProblemCodes.CriterionUnknown"/>, <see cref="LedgerProblemCodes.CriterionSector"/>,
    /// <see cref="LedgerProblemCodes.CriterionNotInForce"/>).
    /// </summary>
    public (string Code, object?[] Args)? Check(string clauseId, string sector, DateOnly foundOn)
    {
        if (!clauses.TryGetValue(clauseId, out var found)) return (LedgerProblemCodes.CriterionUnknown, [clauseId]);
        var document = found.Document;
        if (!document.Sectors.Contains(sector)) return (LedgerProblemCodes.CriterionSector, [clauseId, sector, string.Join(",", document.Sectors)]);
        if (foundOn < document.InForceFrom || (document.InForceUntil is { } until && foundOn > until))
            return (LedgerProblemCodes.CriterionNotInForce, [clauseId, foundOn, document.InForceFrom, document.InForceUntil?.ToString("yyyy-MM-dd") ?? "—"]);
        return null;
    }

    /// <summary>The document and clause of <paramref name="clauseId"/>, or null when the catalogue has none.</summary>
    public (CriterionDocument Document, CriterionClause Clause)? Find(string clauseId)
        => clauses.TryGetValue(clauseId, out var found) ? found : null;

    private static CriterionCatalogue Load()
    {
        using var stream = typeof(CriterionCatalogue).Assembly.GetManifestResourceStream("RiskMap.Api.hazard-criteria.json")
            ?? throw new InvalidOperationException("The embedded criterion catalogue (data/hazard-criteria.json) is missing.");
        var file = JsonSerializer.Deserialize<CriterionCatalogueFile>(stream, new JsonSerializerOptions(JsonSerializerDefaults.Web))
            ?? throw new InvalidOperationException("The criterion catalogue is empty.");
        return new CriterionCatalogue(file);
    }

    private sealed record CriterionCatalogueFile(string Version, IReadOnlyList<CriterionDocument> Documents);
}

/// <summary>One criterion document of the catalogue.</summary>
/// <param name="Id">Stable id, e.g. <c>mines-2022</c>; clause ids are prefixed with it.</param>
/// <param name="Name">Official title, e.g. 金属非金属矿山重大事故隐患判定标准.</param>
/// <param name="Number">Document number (文号), e.g. 矿安〔2022〕88号.</param>
/// <param name="IssuedBy">Issuing body, e.g. 国家矿山安全监察局.</param>
/// <param name="InForceFrom">First day in force.</param>
/// <param name="InForceUntil">Last day in force, null while in force.</param>
/// <param name="Sectors">Sector codes it applies to.</param>
/// <param name="Source">Where the document is published (the notice that issued it).</param>
/// <param name="Clauses">Its clauses (short paraphrases, not the official wording).</param>
public sealed record CriterionDocument(string Id, string Name, string Number, string IssuedBy, DateOnly InForceFrom, DateOnly? InForceUntil,
    IReadOnlyList<string> Sectors, string Source, IReadOnlyList<CriterionClause> Clauses);

/// <summary>One clause of a criterion document.</summary>
/// <param name="Id">Clause number within the document, e.g. <c>1.1</c>; cited as <c>{document id}:{clause id}</c>.</param>
/// <param name="Text">Short paraphrase of the clause.</param>
public sealed record CriterionClause(string Id, string Text);
