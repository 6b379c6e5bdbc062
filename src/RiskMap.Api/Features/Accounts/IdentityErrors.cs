using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using RiskMap.Api.Contract;

namespace RiskMap.Api.Features.Accounts;

/// <summary>
/// Turns ASP.NET Core Identity's errors (<see cref="IdentityError"/>, codes named after the methods of
/// <see cref="IdentityErrorDescriber"/>) into the service's coded problems, with the arguments of the rule that failed
/// (the required length from <see cref="PasswordOptions.RequiredLength"/> …), so that the caller reads them in their
/// language. Identity's English <see cref="IdentityError.Description"/> is never passed on.
/// </summary>
public static class IdentityErrors
{
    /// <summary>
    /// The code of the service for each of Identity's error codes. Every code <see cref="IdentityErrorDescriber"/> can
    /// give is listed, so that one added by a later version of Identity is noticed (a test checks this); those the
    /// service's operations are not expected to cause map to <see cref="AccountProblemCodes.AccountRefused"/>.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Codes { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [nameof(IdentityErrorDescriber.PasswordTooShort)] = AccountProblemCodes.PasswordTooShort,
        [nameof(IdentityErrorDescriber.PasswordRequiresDigit)] = AccountProblemCodes.PasswordRequiresDigit,
        [nameof(IdentityErrorDescriber.PasswordRequiresLower)] = AccountProblemCodes.PasswordRequiresLower,
        [nameof(IdentityErrorDescriber.PasswordRequiresUpper)] = AccountProblemCodes.PasswordRequiresUpper,
        [nameof(IdentityErrorDescriber.PasswordRequiresNonAlphanumeric)] = AccountProblemCodes.PasswordRequiresNonAlphanumeric,
        [nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars)] = AccountProblemCodes.PasswordRequiresUniqueChars,
        [nameof(IdentityErrorDescriber.PasswordMismatch)] = AccountProblemCodes.CurrentPasswordWrong,
        [nameof(IdentityErrorDescriber.InvalidUserName)] = AccountProblemCodes.UserNameInvalid,
        [nameof(IdentityErrorDescriber.DuplicateUserName)] = AccountProblemCodes.UserExists,
        [nameof(IdentityErrorDescriber.ConcurrencyFailure)] = AccountProblemCodes.AccountChangedMeanwhile,
        // Not expected from the service's operations: no e-mail addresses, external logins, recovery codes or role edits.
        [nameof(IdentityErrorDescriber.DefaultError)] = AccountProblemCodes.AccountRefused,
        [nameof(IdentityErrorDescriber.InvalidToken)] = AccountProblemCodes.AccountRefused,
        [nameof(IdentityErrorDescriber.RecoveryCodeRedemptionFailed)] = AccountProblemCodes.AccountRefused,
        [nameof(IdentityErrorDescriber.LoginAlreadyAssociated)] = AccountProblemCodes.AccountRefused,
        [nameof(IdentityErrorDescriber.InvalidEmail)] = AccountProblemCodes.AccountRefused,
        [nameof(IdentityErrorDescriber.DuplicateEmail)] = AccountProblemCodes.AccountRefused,
        [nameof(IdentityErrorDescriber.InvalidRoleName)] = AccountProblemCodes.AccountRefused,
        [nameof(IdentityErrorDescriber.DuplicateRoleName)] = AccountProblemCodes.AccountRefused,
        [nameof(IdentityErrorDescriber.UserAlreadyHasPassword)] = AccountProblemCodes.AccountRefused,
        [nameof(IdentityErrorDescriber.UserLockoutNotEnabled)] = AccountProblemCodes.AccountRefused,
        [nameof(IdentityErrorDescriber.UserAlreadyInRole)] = AccountProblemCodes.AccountRefused,
        [nameof(IdentityErrorDescriber.UserNotInRole)] = AccountProblemCodes.AccountRefused,
    };

    /// <summary>
    /// <paramref name="error"/> as a coded error of <paramref name="field"/>: the code from <see cref="Codes"/>
    /// (<see cref="AccountProblemCodes.AccountRefused"/> with Identity's code as argument for one not listed) and the
    /// arguments of the rule from <paramref name="options"/>; <paramref name="userName"/> is the name a user-name error
    /// is about.
    /// </summary>
    public static FieldError ToFieldError(IdentityError error, string field, IdentityOptions options, string? userName)
    {
        var code = Codes.GetValueOrDefault(error.Code, AccountProblemCodes.AccountRefused);
        return code switch
        {
            AccountProblemCodes.PasswordTooShort => new FieldError(field, code, options.Password.RequiredLength),
            AccountProblemCodes.PasswordRequiresUniqueChars => new FieldError(field, code, options.Password.RequiredUniqueChars),
            AccountProblemCodes.UserNameInvalid => new FieldError(field, code, userName, OtherUserNameCharacters(options)),
            AccountProblemCodes.AccountRefused => new FieldError(field, code, error.Code),
            _ => new FieldError(field, code),
        };
    }

    /// <summary>
    /// The answer to a failed Identity operation: 409 <see cref="AccountProblemCodes.UserExists"/> for a taken user name,
    /// 409 <see cref="AccountProblemCodes.AccountChangedMeanwhile"/> for a concurrent change, otherwise a 400 listing each
    /// error under the request field <paramref name="fieldOf"/> gives it.
    /// </summary>
    public static ProblemHttpResult Problem(IdentityResult result, Func<IdentityError, string> fieldOf, IdentityOptions options, string? userName)
    {
        var codes = result.Errors.Select(e => Codes.GetValueOrDefault(e.Code)).ToHashSet();
        if (codes.Contains(AccountProblemCodes.UserExists))
            return Problems.Of(StatusCodes.Status409Conflict, AccountProblemCodes.UserExists, "userName", userName);
        if (codes.Contains(AccountProblemCodes.AccountChangedMeanwhile))
            return Problems.Of(StatusCodes.Status409Conflict, AccountProblemCodes.AccountChangedMeanwhile);
        return Problems.Invalid(result.Errors.Select(e => ToFieldError(e, fieldOf(e), options, userName)));
    }

    /// <summary>The characters a user name may have besides ASCII letters and digits, e.g. <c>- . _ @</c>.</summary>
    private static string OtherUserNameCharacters(IdentityOptions options)
        => string.Join(' ', (options.User.AllowedUserNameCharacters ?? "").Where(c => !char.IsAsciiLetterOrDigit(c)).Distinct());
}
