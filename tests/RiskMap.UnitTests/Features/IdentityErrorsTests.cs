using Microsoft.AspNetCore.Identity;
using RiskMap.Api.Contract;
using RiskMap.Api.Features.Accounts;

namespace RiskMap.UnitTests.Features;

/// <summary>
/// Every error ASP.NET Core Identity can describe is mapped to a code of the service that has its texts, so that no
/// Identity error reaches a caller as Identity's English description.
/// </summary>
public sealed class IdentityErrorsTests
{
    /// <summary>Every error <see cref="IdentityErrorDescriber"/> gives, one per method, with placeholder arguments.</summary>
    public static TheoryData<string> DescribedErrors()
    {
        var describer = new IdentityErrorDescriber();
        var data = new TheoryData<string>();
        foreach (var method in typeof(IdentityErrorDescriber).GetMethods().Where(m => m.ReturnType == typeof(IdentityError)))
        {
            var args = method.GetParameters().Select(p => p.ParameterType == typeof(int) ? (object)3 : "x").ToArray();
            data.Add(((IdentityError)method.Invoke(describer, args)!).Code);
        }
        return data;
    }

    [Fact]
    public void Identity_describes_the_errors_the_table_lists()
    {
        var described = ((IEnumerable<object[]>)DescribedErrors()).Select(row => (string)row[0]).ToHashSet();
        Assert.True(described.Count >= 22, $"only {described.Count} errors found");
        Assert.Equal(described.Order(StringComparer.Ordinal), IdentityErrors.Codes.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(DescribedErrors))]
    public void Each_identity_error_maps_to_a_code_with_texts_and_never_to_its_description(string identityCode)
    {
        var options = new IdentityOptions();
        options.Password.RequiredLength = 10;
        var error = new IdentityError { Code = identityCode, Description = "English text from Identity" };
        var mapped = IdentityErrors.ToFieldError(error, "password", options, "bad name!");
        Assert.Equal("password", mapped.Field);
        Assert.Contains(mapped.Code, ProblemCodes.All.Select(c => c.Code));
        Assert.DoesNotContain(error.Description, mapped.Args);
    }

    [Theory]
    [InlineData(nameof(IdentityErrorDescriber.PasswordTooShort), AccountProblemCodes.PasswordTooShort, new[] { "12" })]
    [InlineData(nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars), AccountProblemCodes.PasswordRequiresUniqueChars, new[] { "4" })]
    [InlineData(nameof(IdentityErrorDescriber.PasswordRequiresDigit), AccountProblemCodes.PasswordRequiresDigit, new string[0])]
    [InlineData(nameof(IdentityErrorDescriber.PasswordMismatch), AccountProblemCodes.CurrentPasswordWrong, new string[0])]
    [InlineData(nameof(IdentityErrorDescriber.InvalidUserName), AccountProblemCodes.UserNameInvalid, new[] { "bad name!", "- . _ @" })]
    [InlineData(nameof(IdentityErrorDescriber.InvalidEmail), AccountProblemCodes.AccountRefused, new[] { "InvalidEmail" })]
    [InlineData("SomethingNew", AccountProblemCodes.AccountRefused, new[] { "SomethingNew" })]
    public void The_arguments_are_those_of_the_rule_that_failed(string identityCode, string code, string[] args)
    {
        var options = new IdentityOptions();
        options.Password.RequiredLength = 12;
        options.Password.RequiredUniqueChars = 4;
        options.User.AllowedUserNameCharacters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._@";
        var mapped = IdentityErrors.ToFieldError(new IdentityError { Code = identityCode, Description = "ignored" }, "f", options, "bad name!");
        Assert.Equal(code, mapped.Code);
        Assert.Equal(args, mapped.Args);
    }
}
