using System.Text.RegularExpressions;
using Microsoft.Extensions.Localization;
using RiskMap.Api.Data;
using RiskMap.Api.Domain;
using RiskMap.Api.Features.Accounts;

namespace RiskMap.Api.Contract;

/// <summary>
/// Writes the arguments of a message in the message's language: an argument that names members of the vocabulary
/// (hazard level, status, source, supervision level, enforcement kind, acceptance result, extension request state,
/// township kind, attachment kind, error report subject and status) or a role — alone or as a list separated by commas
/// or semicolons — is written with their labels (<c>label.{vocabulary}.{member}</c>, e.g. 县级 for <c>County</c>,
/// 行业监管部门人员 for <c>DepartmentOfficer</c>), so that no Chinese message shows an English name. English labels are the
/// names themselves. The problem's <c>args</c> keep the names (they are the values on the wire); only the texts change.
/// Any other argument (sector codes, which are typed as codes, included) is left as it is.
/// </summary>
public static partial class MessageArguments
{
    // Vocabularies in priority order: a name in two of them (Open, Rejected, Document, Township) takes the first one's
    // label (Township: 乡镇, the subject of an error report, read as well for the kind 乡).
    private static readonly (string Prefix, string[] Names)[] Vocabularies =
    [
        ("hazard-level", Enum.GetNames<HazardLevel>()),
        ("hazard-status", Enum.GetNames<HazardStatus>()),
        ("hazard-source", Enum.GetNames<HazardSource>()),
        ("supervision-level", Enum.GetNames<SupervisionLevel>()),
        ("enforcement-kind", Enum.GetNames<EnforcementKind>()),
        ("acceptance-result", Enum.GetNames<AcceptanceResult>()),
        ("extension-state", Enum.GetNames<ExtensionRequestState>()),
        ("attachment-kind", Enum.GetNames<AttachmentKind>()),
        ("error-report-subject", Enum.GetNames<ErrorReportSubject>()),
        ("township-kind", Enum.GetNames<TownshipKind>()),
        ("error-report-status", Enum.GetNames<ErrorReportStatus>()),
        ("role", Roles.All),
    ];

    // The label keys written here and nowhere else (hazard level, status, source, supervision level and township kind are
    // the exports' labels, ExportTexts.Keys).
    private static readonly HashSet<string> ExportLabels = ["hazard-level", "hazard-status", "hazard-source", "supervision-level", "township-kind"];

    private static readonly Dictionary<string, string> KeyOfName = BuildKeys();

    /// <summary>Every name written with a label (enum members and roles), for the tests that look for them in texts.</summary>
    public static IReadOnlyCollection<string> Names => KeyOfName.Keys;

    /// <summary>The resource keys of the labels only these messages use (the tests check both languages have them).</summary>
    public static IReadOnlyList<string> Keys { get; } =
        [.. KeyOfName.Values.Where(k => !ExportLabels.Contains(k.Split('.')[1])).Order(StringComparer.Ordinal)];

    /// <summary>
    /// Codes whose arguments list the values a caller must type (<see cref="ProblemCodes.FormatOneOf"/>: the API takes
    /// the names, not the labels): there each name stays, followed by its label in brackets where the label differs —
    /// <c>Major（重大）</c> — so that the Chinese message says what to send and what it means.
    /// </summary>
    public static IReadOnlySet<string> ValueChoiceCodes { get; } = new HashSet<string>(StringComparer.Ordinal) { ProblemCodes.FormatOneOf };

    /// <summary><paramref name="args"/> with every argument that names vocabulary members or roles written with their labels.</summary>
    public static object[] Localize(IStringLocalizer localizer, IReadOnlyList<string> args)
        => [.. args.Select(a => (object)Localize(localizer, a))];

    /// <summary>
    /// The arguments of message <paramref name="code"/>: as <see cref="Localize(IStringLocalizer, IReadOnlyList{string})"/>,
    /// but for <see cref="ValueChoiceCodes"/>, whose names are kept and their labels added.
    /// </summary>
    public static object[] Localize(IStringLocalizer localizer, string code, IReadOnlyList<string> args)
        => ValueChoiceCodes.Contains(code) ? [.. args.Select(a => (object)WithLabels(localizer, a))] : Localize(localizer, args);

    /// <summary><paramref name="argument"/> with each name (when every item is one) followed by its label in brackets, where they differ.</summary>
    private static string WithLabels(IStringLocalizer localizer, string argument)
    {
        var labelled = Localize(localizer, argument);
        if (labelled == argument) return argument;
        var names = Separator().Split(argument);
        var labels = Separator().Split(labelled);
        var separators = Separator().Matches(argument);
        var text = new System.Text.StringBuilder();
        for (var i = 0; i < names.Length; i++)
        {
            text.Append(names[i]);
            if (!string.Equals(names[i].Trim(), labels[i].Trim(), StringComparison.Ordinal)) text.Append('（').Append(labels[i].Trim()).Append('）');
            if (i < separators.Count) text.Append(separators[i].Value);
        }
        return text.ToString();
    }

    /// <summary>
    /// <paramref name="argument"/> with its names written as labels when every item of it (split at commas and
    /// semicolons) is a name; otherwise unchanged.
    /// </summary>
    public static string Localize(IStringLocalizer localizer, string argument)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        if (string.IsNullOrEmpty(argument)) return argument;
        var items = Separator().Split(argument);
        if (!items.All(i => i.Trim() is var name && (name.Length == 0 || KeyOfName.ContainsKey(name)))) return argument;
        // Every item is a name (names hold no spaces or separators): each is replaced where it stands.
        return Name().Replace(argument, m => localizer[KeyOfName[m.Value]]);
    }

    private static Dictionary<string, string> BuildKeys()
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (prefix, names) in Vocabularies)
            foreach (var name in names)
                keys.TryAdd(name, LabelKey(prefix, name));
        return keys;
    }

    private static string LabelKey(string prefix, string name) => $"label.{prefix}.{name.ToLowerInvariant()}";

    [GeneratedRegex(@"\s*[,;，；]\s*")]
    private static partial Regex Separator();

    [GeneratedRegex(@"[^\s,;，；]+")]
    private static partial Regex Name();
}
