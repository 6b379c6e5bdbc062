using System.Resources;

[assembly: NeutralResourcesLanguage("zh-CN")]

namespace RiskMap.Api.Resources;

/// <summary>
/// The service's user-facing texts, read through <c>IStringLocalizer&lt;Messages&gt;</c>: <c>Messages.resx</c> holds the
/// Chinese texts (zh-CN, the neutral language of the assembly) and <c>Messages.en.resx</c> the English ones. Keys are
/// the stable problem codes of <see cref="Contract.ProblemCodes"/> (and the feature code lists), a problem's title under
/// <c>{code}.title</c>; placeholders are {0}, {1}, … in the order of the problem's <c>args</c>.
/// </summary>
public sealed class Messages;
