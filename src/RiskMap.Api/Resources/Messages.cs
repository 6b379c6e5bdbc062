using System.Resources;

// The resources in the main assembly are the Chinese ones: a zh-CN request reads them without looking for a satellite.
[assembly: NeutralResourcesLanguage("zh-CN")]

namespace RiskMap.Api.Resources;

/// <summary>
/// The messages the service writes to users, in Chinese (<c>Messages.resx</c>, zh-CN, the default) and English
/// (<c>Messages.en.resx</c>), read through <c>IStringLocalizer&lt;Messages&gt;</c> in the request's language
/// (<c>Accept-Language</c>, see <see cref="Hosting.LocalizationSetup"/>). The constants are the resource keys; a message
/// with arguments uses <c>{0}</c>-style placeholders, the same ones in both languages (a unit test checks every key).
/// </summary>
/// <remarks>
/// To add a message: add a constant here whose value is its own name, add an entry with that name to both .resx
/// files, and read it as <c>localizer[Messages.Name]</c> or <c>localizer[Messages.Name, arg0, …]</c>.
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
