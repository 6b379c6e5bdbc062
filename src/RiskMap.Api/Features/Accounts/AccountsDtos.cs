namespace RiskMap.Api.Features.Accounts;

/// <summary>Sign-in request.</summary>
/// <param name="UserName">User name, e.g. <c>chief-431103105</c>.</param>
/// <param name="Password">Password.</param>
public sealed record LoginRequest(string? UserName, string? Password);

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

/// <summary>A change of one's own password.</summary>
/// <param name="CurrentPassword">The password now.</param>
/// <param name="NewPassword">The new password (at least 10 characters with upper- and lower-case letters and a digit).</param>
public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

/// <summary>A request for a personal API token.</summary>
/// <param name="Name">What it is for, e.g. "QGIS on my laptop" (<see cref="Ranges.TokenNameLength"/>).</param>
/// <param name="ExpiresInDays">Days until it expires (<see cref="Ranges.TokenLifetimeDays"/>); default 90.</param>
public sealed record CreateTokenRequest(string? Name, int? ExpiresInDays);

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

/// <summary>A new user.</summary>
/// <param name="UserName">User name: letters, digits, '-', '.', '_', '@'.</param>
/// <param name="DisplayName">Name to show.</param>
/// <param name="Password">Initial password (policy as for <see cref="ChangePasswordRequest.NewPassword"/>).</param>
/// <param name="Role">One role.</param>
/// <param name="Townships">Townships: exactly one for a TownshipChief, one or more for an Inspector, none otherwise.</param>
/// <param name="Department">Department code: required for a DepartmentOfficer, none otherwise.</param>
public sealed record CreateUserRequest(string? UserName, string? DisplayName, string? Password, string? Role, IReadOnlyList<string>? Townships,
    string? Department);

/// <summary>A password reset by an admin.</summary>
/// <param name="NewPassword">The new password (policy as for <see cref="ChangePasswordRequest.NewPassword"/>).</param>
/// <param name="CurrentPassword">The admin's own current password: required when the admin sets their own password, ignored otherwise.</param>
public sealed record ResetPasswordRequest(string? NewPassword, string? CurrentPassword = null);
