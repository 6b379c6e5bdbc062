using RiskMap.Api.Contract;

namespace RiskMap.Api.Features.Reports;

/// <summary>Problem codes of the campaign bulletin and its publications (texts in Resources/Messages*.resx).</summary>
[ProblemCodeList]
public static class ReportsProblemCodes
{
    /// <summary>404: no publication has this id. args: id.</summary>
    [ProblemTitle]
    public const string PublicationUnknown = "publication.unknown";

    /// <summary>409: the records changed while the figures were being computed, three times running; publish again.</summary>
    [ProblemTitle]
    public const string RecordsChanging = "publication.records-changing";
}
