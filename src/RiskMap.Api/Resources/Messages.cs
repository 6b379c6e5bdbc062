using System.Resources;

// The resources in the main assembly are the Chinese ones: a zh-CN request reads them without looking for a satellite.
[assembly: NeutralResourcesLanguage("zh-CN")]

namespace RiskMap.Api.Resources;

/// <summary>
/// The messages the service writes to users, in Chinese (<c>Messages.resx</c>, zh-CN, the default) and English
/// (<c>Messages.en.resx</c>), read through <c>IStringLocalizer&lt;Messages&gt;</c> in the request's language
/// (<c>Accept-Language</c>, see <see cref="Hosting.LocalizationSetup"/>). Placeholders are {0}, {1}, …, the same in both
/// languages (unit tests check every key).
/// </summary>
/// <remarks>
/// Problems are keyed by their stable codes (<see cref="Contract.ProblemCodes"/> and the features' code lists; a
/// problem's title under <c>{code}.title</c>) and written by <see cref="Contract.ProblemLocalization"/>. Other texts
/// (export headers, notes) are keyed by the constants here, by the code lists of their feature, or listed by the feature
/// (<see cref="Features.Exports.ExportTexts.Keys"/>).
/// </remarks>
public sealed class Messages
{
    private Messages()
    {
    }

    /// <summary>Title of the 503 answered while the database is unreachable.</summary>
    public const string DatabaseUnavailableTitle = nameof(DatabaseUnavailableTitle);

    /// <summary>Detail of that 503; {0} is the number of seconds in its <c>Retry-After</c> header.</summary>
    public const string DatabaseUnavailableDetail = nameof(DatabaseUnavailableDetail);

    /// <summary>Why an import job failed when the database became unreachable while it ran (nothing was written).</summary>
    public const string ImportFailedDatabaseUnavailable = nameof(ImportFailedDatabaseUnavailable);
}
