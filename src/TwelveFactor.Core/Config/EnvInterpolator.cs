using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using TwelveFactor.Core.Resources;

namespace TwelveFactor.Core.Config;

/// <summary>
/// Expands <c>$VAR</c> references the way docker compose does: <c>$V</c>, <c>${V}</c>, <c>${V:-default}</c>,
/// <c>${V-default}</c>, <c>${V:?message}</c>, <c>${V?message}</c>, <c>${V:+replacement}</c>,
/// <c>${V+replacement}</c> and <c>$$</c> for a literal <c>$</c>. Defaults and replacements are themselves
/// expanded. A <c>$</c> not followed by a name, <c>$</c> or <c>{</c> is literal (<c>$5</c>, <c>$(cmd)</c>).
/// The branch not taken is still checked for syntax, so a file is valid or not whatever the environment.
/// </summary>
public static class EnvInterpolator
{
    /// <summary>
    /// Substitutions nested inside each other's defaults (<c>${A:-${B:-...}}</c>) at most; real files nest two or
    /// three. Deeper is an error, so a hostile file cannot exhaust the stack and kill the process.
    /// </summary>
    public const int MaxNesting = 64;

    /// <summary>
    /// Characters one value may expand to (16 Mi): <c>K1=${K0}${K0}</c>, <c>K2=${K1}${K1}</c>, ... doubles with each
    /// line, and 40 such lines would need terabytes. Longer is an error naming the file and line.
    /// </summary>
    public const int MaxExpandedLength = 16 << 20;

    /// <summary>
    /// Expands <paramref name="value"/>. <paramref name="lookup"/> returns null for an unset variable.
    /// <paramref name="file"/>, <paramref name="line"/> and <paramref name="column"/> locate errors.
    /// </summary>
    /// <exception cref="EnvFileSyntaxException">
    /// A bad substitution, or a <c>${V:?message}</c> whose variable is missing; the message of the latter
    /// holds the user's text as written (it is not expanded, so no value reaches the exception).
    /// </exception>
    public static string Interpolate(string value, Func<string, string?> lookup, string? file, int line, int column)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(lookup);
        if (value.IndexOf('$') < 0)
        {
            return value;
        }

        var sb = new StringBuilder(value.Length + 16);
        new Walker(value, lookup, null, file, line, column).Run(0, value.Length, sb);
        return sb.ToString();
    }

    /// <summary>
    /// The final value of <paramref name="entry"/>: null for a bare key, the literal value when single-quoted,
    /// and otherwise its <see cref="EnvEntry.InterpolationSource"/> expanded (so <c>"\$HOME"</c> stays
    /// <c>$HOME</c>). Errors point at the value's position.
    /// </summary>
    public static string? Interpolate(EnvEntry entry, Func<string, string?> lookup, string? file)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(lookup);
        // IsBare, not Value: a value kept in the file's text is copied on each read of Value.
        if (entry.IsBare || !entry.Interpolate)
        {
            return entry.Value;
        }

        return Interpolate(entry.InterpolationSource!, lookup, file, entry.ValueLine, entry.ValueColumn);
    }

    /// <summary>
    /// The variable names <paramref name="value"/> refers to, in order of first appearance, including those in
    /// defaults and replacements. Stops quietly at a syntax error.
    /// </summary>
    public static IReadOnlyList<string> ReferencedNames(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var names = new List<string>();
        if (value.IndexOf('$') < 0)
        {
            return names;
        }

        try
        {
            new Walker(value, null, names, null, 1, 1).Run(0, value.Length, null);
        }
        catch (EnvFileSyntaxException)
        {
            // Linting reports the syntax error through TryValidate; the names found so far still count.
        }

        return names;
    }

    /// <summary>Checks the substitution syntax of <paramref name="value"/>; the reason is null when it is valid.</summary>
    internal static string? Validate(string value)
    {
        if (value.IndexOf('$') < 0)
        {
            return null;
        }

        try
        {
            new Walker(value, null, null, null, 1, 1).Run(0, value.Length, null);
            return null;
        }
        catch (EnvFileSyntaxException ex)
        {
            return ex.Reason;
        }
    }

    internal static bool IsNameStart(char c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a' || c == '_';

    internal static bool IsNameChar(char c) => IsNameStart(c) || (uint)(c - '0') <= 9;

    /// <summary>
    /// One expansion. With a lookup it evaluates into the builder; without one it only checks syntax and, when
    /// given a list, collects names.
    /// </summary>
    private sealed class Walker
    {
        private readonly string _s;
        private readonly Func<string, string?>? _lookup;
        private readonly List<string>? _names;
        private readonly string? _file;
        private readonly int _line;
        private readonly int _column;
        private int _depth;

        public Walker(string s, Func<string, string?>? lookup, List<string>? names, string? file, int line, int column)
        {
            _s = s;
            _lookup = lookup;
            _names = names;
            _file = file;
            _line = line;
            _column = column;
        }

        // Expands _s[start..end) into sb; with sb null, only walks it.
        public void Run(int start, int end, StringBuilder? sb)
        {
            if (++_depth > MaxNesting)
            {
                throw Error(Format(CoreStrings.EnvSubstitutionTooDeep, MaxNesting));
            }

            try
            {
                RunLevel(start, end, sb);
            }
            finally
            {
                _depth--;
            }
        }

        private void RunLevel(int start, int end, StringBuilder? sb)
        {
            string s = _s;
            int i = start;
            while (i < end)
            {
                int dollar = s.IndexOf('$', i, end - i);
                if (dollar < 0)
                {
                    sb?.Append(s, i, end - i);
                    return;
                }

                sb?.Append(s, i, dollar - i);
                char next = dollar + 1 < end ? s[dollar + 1] : '\0';
                if (next == '$')
                {
                    sb?.Append('$');
                    i = dollar + 2;
                }
                else if (next == '{')
                {
                    i = Braced(dollar, end, sb);
                }
                else if (dollar + 1 < end && IsNameStart(next))
                {
                    int nameEnd = NameEnd(dollar + 1, end);
                    string name = s.Substring(dollar + 1, nameEnd - dollar - 1);
                    Use(name);
                    sb?.Append(Lookup(name));
                    CheckLength(sb);
                    i = nameEnd;
                }
                else
                {
                    sb?.Append('$');
                    i = dollar + 1;
                }
            }
        }

        private int Braced(int dollar, int end, StringBuilder? sb)
        {
            string s = _s;
            int nameStart = dollar + 2;
            if (nameStart >= end || !IsNameStart(s[nameStart]))
            {
                throw Error(CoreStrings.EnvBadSubstitution);
            }

            int nameEnd = NameEnd(nameStart, end);
            string name = s.Substring(nameStart, nameEnd - nameStart);
            Use(name);
            if (nameEnd >= end)
            {
                throw Error(CoreStrings.EnvUnterminatedSubstitution);
            }

            char c = s[nameEnd];
            if (c == '}')
            {
                sb?.Append(Lookup(name));
                CheckLength(sb);
                return nameEnd + 1;
            }

            bool colon = c == ':';
            char op = colon ? (nameEnd + 1 < end ? s[nameEnd + 1] : '\0') : c;
            if (op is not ('-' or '?' or '+'))
            {
                throw Error(CoreStrings.EnvBadSubstitutionOperator);
            }

            int argStart = nameEnd + (colon ? 2 : 1);
            int close = FindClose(argStart, end);
            if (close < 0)
            {
                throw Error(CoreStrings.EnvUnterminatedSubstitution);
            }

            if (sb is null)
            {
                Run(argStart, close, null);
                return close + 1;
            }

            string? value = Lookup(name, out bool isSet);
            bool present = isSet && (!colon || value!.Length > 0);
            switch (op)
            {
                case '-':
                    if (present)
                    {
                        sb.Append(value);
                        CheckLength(sb);
                        Run(argStart, close, null);
                    }
                    else
                    {
                        Run(argStart, close, sb);
                    }

                    break;
                case '?':
                    Run(argStart, close, null);
                    if (!present)
                    {
                        string message = s.Substring(argStart, close - argStart);
                        throw Error(message.Length == 0
                            ? Format(CoreStrings.EnvRequiredVariableNoMessage, name)
                            : Format(CoreStrings.EnvRequiredVariable, name, message));
                    }

                    sb.Append(value);
                    CheckLength(sb);
                    break;
                default:
                    Run(argStart, close, present ? sb : null);
                    break;
            }

            return close + 1;
        }

        // The '}' closing a substitution whose argument starts at 'from', skipping nested ${...} and $$.
        private int FindClose(int from, int end)
        {
            string s = _s;
            int depth = 0;
            for (int k = from; k < end; k++)
            {
                char c = s[k];
                if (c == '$' && k + 1 < end)
                {
                    char n = s[k + 1];
                    if (n == '$')
                    {
                        k++;
                    }
                    else if (n == '{')
                    {
                        depth++;
                        k++;
                    }
                }
                else if (c == '}')
                {
                    if (depth == 0)
                    {
                        return k;
                    }

                    depth--;
                }
            }

            return -1;
        }

        private int NameEnd(int start, int end)
        {
            int k = start + 1;
            while (k < end && IsNameChar(_s[k]))
            {
                k++;
            }

            return k;
        }

        private void Use(string name)
        {
            if (_names is not null && !_names.Contains(name))
            {
                _names.Add(name);
            }
        }

        private string Lookup(string name) => Lookup(name, out _) ?? string.Empty;

        private string? Lookup(string name, out bool isSet)
        {
            string? value = _lookup?.Invoke(name);
            isSet = value is not null;
            return value;
        }

        private void CheckLength(StringBuilder? sb)
        {
            if (sb is not null && sb.Length > MaxExpandedLength)
            {
                throw Error(Format(CoreStrings.EnvValueTooLong, MaxExpandedLength));
            }
        }

        private EnvFileSyntaxException Error(string reason) => new(_file, _line, _column, reason);

        private static string Format(string format, params object[] args) =>
            string.Format(CultureInfo.InvariantCulture, format, args);
    }
}
