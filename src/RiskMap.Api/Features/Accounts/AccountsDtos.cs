using RiskMap.Api.Domain;
using System.ComponentModel.DataAnnotations;
using RiskMap.Api.Data;

namespace RiskMap.Api.Features.Accounts;

/// <summary>Limits of the account requests that are not column lengths (those are on the entities, e.g. <see cref="FieldLengths.UserName"/>).</summary>
public static class AccountLimits
{
    /// <summary>Longest lifetime of a personal API token: 730 days.</summary>
    public const int TokenMaxDays = 730;

    /// <summary>Lifetime of a personal API token when none is asked for: 90 days.</summary>
    public const int TokenDefaultDays = 90;
}

// The request records' attributes target their properties: validation reads them there as on the constructor, and the
// OpenAPI generator only there (required, maxLength, minimum/maximum in the schemas).

/// <summary>Sign-in request. Leading and trailing spaces of both fields are ignored.</summary>
/// <param name="UserName">User name, e.g. <c>chief-431103105</c> (required, at most 256 characters).</param>
/// <param name="Password">Password (required, at most 256 characters).</param>
public sealed record LoginRequest(
    [property: Required, StringLength(FieldLengths.UserName)] string? UserName,
    [property: Required, StringLength(FieldLengths.Password)] string? Password);

/// <summary>The signed-in user and what they may see and do.</summary>
/// <param name="UserName">User name.</param>
/// <param name="DisplayName">Name to show.</param>
/// <param name="Roles">Roles (Admin, DistrictLeader, DepartmentOfficer, TownshipChief, Inspector).</param>
/// <param name="Townships">Townships bound to the user (a chief's own, an inspector's assigned).</param>
/// <param name="ReadsEverything">True when every township is readable.</param>
/// <param name="Department">Department code of an officer.</param>
/// <param name="Sectors">Sectors the officer's department supervises.</param>
public sealed record MeResponse(string UserName, string? DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> Townships,
    bool ReadsEverything, string? Department, IReadOnlyList<string> Sectors);

/// <summary>A change of one's own password. Leading and trailing spaces are ignored.</summary>
/// <param name="CurrentPassword">The password now (required, at most 256 characters).</param>
/// <param name="NewPassword">
/// The new password (required): 10 to 256 characters with an upper-case letter, a lower-case letter and a digit.
/// </param>
public sealed record ChangePasswordRequest(
    [property: Required, StringLength(FieldLengths.Password)] string? CurrentPassword,
    [property: Required, StringLength(FieldLengths.Password)] string? NewPassword);

/// <summary>A request for a personal API token.</summary>
/// <param name="Name">What it is for, e.g. "QGIS on my laptop" (required, 1–100 characters).</param>
/// <param name="ExpiresInDays">Days until it expires, 1–730; default 90.</param>
public sealed record CreateTokenRequest(
    [property: Required, StringLength(FieldLengths.Name)] string? Name,
    [property: Range(1, AccountLimits.TokenMaxDays)] int ExpiresInDays = AccountLimits.TokenDefaultDays);

/// <summary>A personal API token as listed (never the token itself).</summary>
/// <param name="Id">Token id.</param>
/// <param name="Name">Name.</param>
/// <param name="Prefix">First characters of the token.</param>
/// <param name="CreatedAt">Creation time (UTC).</param>
/// <param name="ExpiresAt">Expiry (UTC).</param>
/// <param name="LastUsedAt">Last use (UTC), to the minute.</param>
/// <param name="RevokedAt">Revocation time (UTC), if revoked.</param>
public sealed record TokenDto(long Id, string Name, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? ExpiresAt,
    DateTimeOffset? LastUsedAt, DateTimeOffset? RevokedAt);

/// <summary>A token just created: the only time the secret is shown.</summary>
/// <param name="Token">The token's listing.</param>
/// <param name="Secret">The token to send as <c>Authorization: Bearer {Secret}</c>; store it now, it cannot be shown again.</param>
public sealed record CreatedTokenResponse(TokenDto Token, string Secret);

/// <summary>A user as an admin sees it.</summary>
/// <param name="UserName">User name.</param>
/// <param name="DisplayName">Name to show.</param>
/// <param name="Roles">Roles.</param>
/// <param name="Townships">Bound townships.</param>
/// <param name="Department">Department code.</param>
/// <param name="LockedOutUntil">End of a lockout after repeated failed sign-ins (UTC), if locked.</param>
public sealed record UserDto(string UserName, string? DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> Townships,
    string? Department, DateTimeOffset? LockedOutUntil);

/// <summary>A new user. Leading and trailing spaces of the text fields are ignored.</summary>
/// <param name="UserName">User name (required, at most 256 characters): ASCII letters, digits, '-', '.', '_', '@'.</param>
/// <param name="DisplayName">Name to show (at most 100 characters).</param>
/// <param name="Password">Initial password (required; policy as for <see cref="ChangePasswordRequest.NewPassword"/>).</param>
/// <param name="Role">One role (required): Admin, DistrictLeader, DepartmentOfficer, TownshipChief or Inspector.</param>
/// <param name="Townships">9-digit township codes: exactly one for a TownshipChief, one or more for an Inspector, none otherwise.</param>
/// <param name="Department">Department code (at most 32 characters): required for a DepartmentOfficer, none otherwise.</param>
public sealed record CreateUserRequest(
    [property: Required, StringLength(FieldLengths.UserName)] string? UserName,
    [property: StringLength(FieldLengths.Name)] string? DisplayName,
    [property: Required, StringLength(FieldLengths.Password)] string? Password,
    [property: Required] string? Role,
    IReadOnlyList<string>? Townships = null,
    [property: StringLength(FieldLengths.DepartmentCode)] string? Department = null);

/// <summary>A password reset by an admin. Leading and trailing spaces are ignored.</summary>
/// <param name="NewPassword">The new password (required; policy as for <see cref="ChangePasswordRequest.NewPassword"/>).</param>
/// <param name="CurrentPassword">
/// The admin's own current password (at most 256 characters): required when the admin sets their own password, ignored otherwise.
/// </param>
public sealed record ResetPasswordRequest(
    [property: Required, StringLength(FieldLengths.Password)] string? NewPassword,
    [property: StringLength(FieldLengths.Password)] string? CurrentPassword = null);
