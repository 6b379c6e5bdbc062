using RiskMap.Api.Contract;

namespace RiskMap.Api.Features.Accounts;

/// <summary>
/// The stable codes of the problems and field errors of sign-in, sessions, tokens and user administration (texts in
/// <c>Resources/Messages*.resx</c>, see <see cref="ProblemCodes"/>). Identity's own errors are mapped to these by
/// <see cref="IdentityErrors"/>; its English descriptions never reach a caller.
/// </summary>
[ProblemCodeList]
public static class AccountProblemCodes
{
    // Problem-level codes (title + detail).

    /// <summary>
    /// 401: the one answer to a wrong password, an unknown user name and a locked account alike, so that user names
    /// cannot be probed; args: minutes a lockout lasts.
    /// </summary>
    [ProblemTitle]
    public const string SignInFailed = "sign-in.failed";
    /// <summary>429: too many failed sign-ins from this client address; args: seconds to wait (also in Retry-After).</summary>
    [ProblemTitle]
    public const string TooManySignInsFromAddress = "sign-in.too-many.address";
    /// <summary>429: too many failed sign-ins for this user name; args: seconds to wait (also in Retry-After).</summary>
    [ProblemTitle]
    public const string TooManySignInsForUserName = "sign-in.too-many.user-name";
    /// <summary>401: the request is not signed in (no cookie session, no valid API token).</summary>
    [ProblemTitle]
    public const string SignInRequired = "sign-in.required";
    /// <summary>403: the caller's role or area does not allow the request.</summary>
    [ProblemTitle]
    public const string Forbidden = "access.forbidden";
    /// <summary>403: a change of credentials, accounts or tokens made with a personal API token instead of a session.</summary>
    [ProblemTitle]
    public const string SessionRequired = "session.required";
    /// <summary>404: args: user name.</summary>
    [ProblemTitle]
    public const string UserUnknown = "user.unknown";
    /// <summary>404: the caller has no token with this id; args: id.</summary>
    [ProblemTitle]
    public const string TokenUnknown = "token.unknown";
    /// <summary>409: args: user name.</summary>
    [ProblemTitle]
    public const string UserExists = "user.exists";
    /// <summary>409: the account was changed by another request at the same time (Identity's concurrency stamp).</summary>
    [ProblemTitle]
    public const string AccountChangedMeanwhile = "account.changed-meanwhile";

    // Field-level codes (message only).

    /// <summary>The current password given is not the account's.</summary>
    public const string CurrentPasswordWrong = "password.current-wrong";
    /// <summary>An admin setting their own password must give the current one too.</summary>
    public const string CurrentPasswordRequired = "password.current-required";
    /// <summary>args: required length.</summary>
    public const string PasswordTooShort = "password.too-short";
    /// <summary>The password needs a digit.</summary>
    public const string PasswordRequiresDigit = "password.requires-digit";
    /// <summary>The password needs a lower-case letter.</summary>
    public const string PasswordRequiresLower = "password.requires-lower";
    /// <summary>The password needs an upper-case letter.</summary>
    public const string PasswordRequiresUpper = "password.requires-upper";
    /// <summary>The password needs a character that is neither a letter nor a digit.</summary>
    public const string PasswordRequiresNonAlphanumeric = "password.requires-non-alphanumeric";
    /// <summary>args: required number of different characters.</summary>
    public const string PasswordRequiresUniqueChars = "password.requires-unique-chars";
    /// <summary>args: user name, the characters allowed besides ASCII letters and digits.</summary>
    public const string UserNameInvalid = "user-name.invalid";
    /// <summary>A TownshipChief is bound to exactly one township.</summary>
    public const string ChiefNeedsOneTownship = "user.townships.chief-one";
    /// <summary>An Inspector is bound to one township or more.</summary>
    public const string InspectorNeedsTownships = "user.townships.inspector-some";
    /// <summary>A role that reads every township takes no townships; args: role.</summary>
    public const string RoleTakesNoTownships = "user.townships.none-for-role";
    /// <summary>args: the unknown township codes.</summary>
    public const string TownshipsUnknown = "user.townships.unknown";
    /// <summary>A DepartmentOfficer needs a department.</summary>
    public const string OfficerNeedsDepartment = "user.department.officer-required";
    /// <summary>Only a DepartmentOfficer has a department.</summary>
    public const string DepartmentOnlyForOfficers = "user.department.officers-only";
    /// <summary>args: department code.</summary>
    public const string DepartmentUnknown = "user.department.unknown";
    /// <summary>
    /// An error of Identity that none of the service's operations is expected to cause (e.g. about e-mail addresses or
    /// external logins); args: Identity's error code.
    /// </summary>
    public const string AccountRefused = "account.refused";
}
