namespace RiskMap.Api.Domain;

/// <summary>
/// The unified social credit code (统一社会信用代码) of GB 32100-2015: 18 characters from the 31-character
/// alphabet 0–9 and A–Y without I, O, S, V and Z; position 1 is the registration authority, 2 the
/// organisation type, 3–8 the administrative division (GB/T 2260), 9–17 the organisation code and 18 a
/// check character.
/// </summary>
/// <remarks>
/// The check character (GB 32100-2015, clause 5 and appendix B): with each character's value its index in
/// the alphabet and weights Wᵢ = 3ⁱ mod 31 for positions i = 0…16, C₁₈ = 31 − (Σ Cᵢ·Wᵢ mod 31), with 31
/// written as 0. Only this check is enforced: the embedded organisation-code check of GB 11714 is not, since
/// codes issued to individual businesses do not always satisfy it.
/// </remarks>
public static class UnifiedSocialCreditCode
{
    /// <summary>The 31 characters a code may contain, in value order.</summary>
    public const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    /// <summary>Length of a code: 18 characters.</summary>
    public const int Length = 18;

    /// <summary>
    /// Checks <paramref name="code"/> and returns null when it is valid, or what is wrong and the values that say it:
    /// <see cref="CreditCodeFault.Empty"/> (no values), <see cref="CreditCodeFault.Length"/> (the length),
    /// <see cref="CreditCodeFault.Character"/> (the character and its position from 1, the first outside the alphabet), or
    /// <see cref="CreditCodeFault.CheckCharacter"/> (the check character found and the one the first 17 characters give).
    /// Lower-case letters are not accepted: normalise with <see cref="Normalize"/> first.
    /// </summary>
    public static (CreditCodeFault Fault, object[] Values)? Check(string? code)
    {
        if (string.IsNullOrEmpty(code)) return (CreditCodeFault.Empty, []);
        if (code.Length != Length) return (CreditCodeFault.Length, [code.Length]);
        for (var i = 0; i < Length; i++)
        {
            if (Alphabet.IndexOf(code[i]) < 0) return (CreditCodeFault.Character, [code[i].ToString(), i + 1]);
        }
        var expected = CheckCharacter(code.AsSpan(0, 17));
        return code[17] == expected ? null : (CreditCodeFault.CheckCharacter, [code[17].ToString(), expected.ToString()]);
    }

    /// <summary>
    /// Checks <paramref name="code"/> (<see cref="Check"/>) and returns null when it is valid, or an English reason when
    /// not, for logs and the demo-data generator; what users read comes from <see cref="Check"/>'s fault through the
    /// message resources.
    /// </summary>
    public static string? Validate(string? code) => Check(code) switch
    {
        null => null,
        (CreditCodeFault.Empty, _) => "The unified social credit code is empty.",
        (CreditCodeFault.Length, var v) => $"The unified social credit code must have 18 characters, not {v[0]}.",
        (CreditCodeFault.Character, var v) => $"Character '{v[0]}' at position {v[1]} is not allowed (GB 32100-2015 uses 0-9 and A-Y without I, O, S, V, Z).",
        (_, var v) => $"The check character is '{v[0]}' but GB 32100-2015 gives '{v[1]}' for the first 17 characters.",
    };

    /// <summary>True when <paramref name="code"/> is a well-formed code with a correct check character.</summary>
    public static bool IsValid(string? code) => Validate(code) is null;

    /// <summary>
    /// Computes the check character for the first 17 characters of a code.
    /// </summary>
    /// <exception cref="ArgumentException">When <paramref name="first17"/> is not 17 characters of the alphabet.</exception>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17) throw new ArgumentException("Exactly 17 characters are needed.", nameof(first17));
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Alphabet.IndexOf(first17[i]);
            if (value < 0) throw new ArgumentException($"Character '{first17[i]}' at position {i + 1} is not in the alphabet.", nameof(first17));
            sum += value * Weights[i];
        }
        var check = 31 - sum % 31;
        return Alphabet[check == 31 ? 0 : check];
    }

    /// <summary>
    /// Trims, upper-cases and turns full-width letters and digits (as typed with a Chinese input method)
    /// into ASCII. Does not validate.
    /// </summary>
    public static string Normalize(string code)
    {
        Span<char> buffer = code.Length <= 128 ? stackalloc char[code.Length] : new char[code.Length];
        var n = 0;
        foreach (var c in code)
        {
            var ch = c is >= '\uFF01' and <= '\uFF5E' ? (char)(c - 0xFEE0) : c;
            if (char.IsWhiteSpace(ch) || ch == '\u3000') continue;
            buffer[n++] = char.ToUpperInvariant(ch);
        }
        return new string(buffer[..n]);
    }
}

/// <summary>What is wrong with a unified social credit code (<see cref="UnifiedSocialCreditCode.Check"/>).</summary>
public enum CreditCodeFault
{
    /// <summary>No code.</summary>
    Empty,
    /// <summary>Not 18 characters.</summary>
    Length,
    /// <summary>A character outside the GB 32100-2015 alphabet.</summary>
    Character,
    /// <summary>The 18th character is not the check character of the first 17.</summary>
    CheckCharacter,
}
