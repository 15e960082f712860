using System.Globalization;
using System.Runtime.CompilerServices;

namespace TwelveFactor.Core.Config;

/// <summary>Character classes of the env file grammar, shared by the parser, the writer and the linter.</summary>
internal static class EnvChars
{
    /// <summary>
    /// Whitespace inside a line: any Unicode white space except the line feed. A carriage return counts, so a
    /// CRLF line's CR is trimmed like trailing spaces, as compose does.
    /// </summary>
    // Both run for nearly every character of an env file: inlined, so ReadyToRun and every tier of the parser
    // test an ASCII character in place (left to the inliner, both were calls, and in the instrumented tier each
    // call also counted itself).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsBlank(char c) => c == ' ' || (c < 0x80
        ? c is '\t' or '\v' or '\f' or '\r'
        : char.IsWhiteSpace(c));

    /// <summary>A character compose accepts in a key: a letter, a digit, or one of <c>_ . - [ ]</c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool IsKeyChar(char c) => c < 0x80
        ? (uint)((c | 0x20) - 'a') <= 'z' - 'a' || (uint)(c - '0') <= 9 || c is '_' or '.' or '-' or '[' or ']'
        : char.IsLetterOrDigit(c);

    /// <summary>True when <paramref name="key"/> is a key that the parser reads back as itself.</summary>
    public static bool IsValidKey(string key)
    {
        if (key.Length == 0)
        {
            return false;
        }

        foreach (char c in key)
        {
            if (!IsKeyChar(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A character as an error message may show it: printable as itself, otherwise as U+XXXX.</summary>
    public static string Describe(char c) =>
        char.IsControl(c) || char.IsSurrogate(c) || char.IsWhiteSpace(c)
            ? "U+" + ((int)c).ToString("X4", CultureInfo.InvariantCulture)
            : c.ToString();
}
