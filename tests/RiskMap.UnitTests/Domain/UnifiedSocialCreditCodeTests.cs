using RiskMap.Api.Domain;

namespace RiskMap.UnitTests.Domain;

public sealed class UnifiedSocialCreditCodeTests
{
    [Theory]
    [InlineData("91350100M000100Y43")] // GB 32100-2015 appendix example (Fujian)
    [InlineData("914403001922038216")] // published codes of well-known companies (Shenzhen, Shenzhen, Hangzhou)
    [InlineData("91440300708461136T")]
    [InlineData("91330100799655058B")]
    public void Valid_codes_pass(string code)
    {
        Assert.Null(UnifiedSocialCreditCode.Validate(code));
        Assert.Equal(code[17], UnifiedSocialCreditCode.CheckCharacter(code.AsSpan(0, 17)));
    }

    [Theory]
    [InlineData("91350100M000100Y44", "check character is '4' but GB 32100-2015 gives '3'")]
    [InlineData("91350100M000100Y4", "18 characters, not 17")]
    [InlineData("91350100M000100Y433", "18 characters, not 19")]
    [InlineData("91350100M0001O0Y43", "'O' at position 14")]
    [InlineData("91350100m000100Y43", "'m' at position 9")]
    [InlineData("", "empty")]
    [InlineData(null, "empty")]
    public void Invalid_codes_are_rejected_with_the_reason(string? code, string reason)
    {
        var message = UnifiedSocialCreditCode.Validate(code);
        Assert.NotNull(message);
        Assert.Contains(reason, message);
    }

    [Theory]
    [InlineData(" 91350100m000100y43 ", "91350100M000100Y43")]
    [InlineData("９１３５０１００Ｍ０００１００Ｙ４３", "91350100M000100Y43")]
    [InlineData("9135 0100 M000 100Y 43", "91350100M000100Y43")]
    public void Normalize_handles_case_full_width_and_spaces(string input, string expected)
        => Assert.Equal(expected, UnifiedSocialCreditCode.Normalize(input));
}
