using System;
using System.Collections.Generic;
using System.Globalization;
using TwelveFactor.Core.Resources;

namespace TwelveFactor.Core.Config;

/// <summary>
/// Checks an env file for mistakes and for lines that other tools read differently. The rules follow
/// dotenv-linter's checks, plus portability rules drawn from how docker compose, <c>docker run --env-file</c>
/// and Node dotenv read the same line (FORMATS.md). Rule names are stable; findings come in line order.
/// </summary>
public static class EnvLinter
{
    /// <summary>A key defined more than once (the last definition wins).</summary>
    public const string DuplicatedKey = nameof(DuplicatedKey);

    /// <summary>A key with lowercase letters.</summary>
    public const string LowercaseKey = nameof(LowercaseKey);

    /// <summary>A key with a character other than a letter, a digit or '_' (<c>BAD-NAME</c>, <c>a.b</c>).</summary>
    public const string IncorrectDelimiter = nameof(IncorrectDelimiter);

    /// <summary>Whitespace around the separator.</summary>
    public const string SpaceCharacter = nameof(SpaceCharacter);

    /// <summary>A key that starts with something other than a letter or <c>_</c>, or an indented line.</summary>
    public const string LeadingCharacter = nameof(LeadingCharacter);

    /// <summary>An unquoted value with whitespace inside.</summary>
    public const string ValueWithoutQuotes = nameof(ValueWithoutQuotes);

    /// <summary>Quotes around a value that needs none.</summary>
    public const string QuoteCharacter = nameof(QuoteCharacter);

    /// <summary>Keys out of alphabetical order within a group (groups are separated by blank lines).</summary>
    public const string UnorderedKey = nameof(UnorderedKey);

    /// <summary>Whitespace at the end of a line (outside quoted values).</summary>
    public const string TrailingWhitespace = nameof(TrailingWhitespace);

    /// <summary>No line break at the end of the file.</summary>
    public const string EndingBlankLine = nameof(EndingBlankLine);

    /// <summary>More than one blank line in a row.</summary>
    public const string ExtraBlankLine = nameof(ExtraBlankLine);

    /// <summary>A bare <c>KEY</c> line.</summary>
    public const string KeyWithoutValue = nameof(KeyWithoutValue);

    /// <summary>Bad <c>${...}</c> syntax in an interpolated value: using the file fails.</summary>
    public const string SubstitutionKey = nameof(SubstitutionKey);

    /// <summary>A <c>#</c> in an unquoted value: Node dotenv starts a comment there.</summary>
    public const string PortabilityHash = nameof(PortabilityHash);

    /// <summary>A quoted value: <c>docker run --env-file</c> keeps the quotes.</summary>
    public const string PortabilityQuoted = nameof(PortabilityQuoted);

    /// <summary>Backslash escapes in double quotes other than <c>\n</c> and <c>\r</c>: Node dotenv keeps them.</summary>
    public const string PortabilityEscapes = nameof(PortabilityEscapes);

    /// <summary><c>$</c> substitution: only compose expands it.</summary>
    public const string PortabilityExpansion = nameof(PortabilityExpansion);

    /// <summary>Lints a parsed document; <paramref name="file"/> (or the document's file name) goes into findings.</summary>
    public static IEnumerable<LintFinding> Lint(EnvDocument doc, string? file)
    {
        ArgumentNullException.ThrowIfNull(doc);
        file ??= doc.FileName;
        var findings = new List<LintFinding>();
        string text = doc.Render();
        LineFacts lines = LineFacts.Of(text, doc.Entries);

        LintEntries(doc, file, text, lines, findings);
        LintLines(file, text, lines, findings);

        // Stable sort keeps rule order within a position.
        var ordered = new List<(LintFinding Finding, int Index)>(findings.Count);
        for (int i = 0; i < findings.Count; i++)
        {
            ordered.Add((findings[i], i));
        }

        ordered.Sort((a, b) =>
        {
            int c = a.Finding.Line.CompareTo(b.Finding.Line);
            c = c != 0 ? c : a.Finding.Column.CompareTo(b.Finding.Column);
            return c != 0 ? c : a.Index.CompareTo(b.Index);
        });
        return ordered.ConvertAll(o => o.Finding);
    }

    private static void LintEntries(EnvDocument doc, string? file, string text, LineFacts lines, List<LintFinding> findings)
    {
        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        string? previousKey = null;
        int previousLine = 0;

        foreach (EnvEntry e in doc.Entries)
        {
            string key = e.Key;
            EnvSpan span = e.Span;
            void Add(string rule, FindingSeverity severity, int line, int column, string message) =>
                findings.Add(new LintFinding(rule, severity, file, line, column, key, message));

            bool duplicate = firstLine.TryGetValue(key, out int first);
            if (duplicate)
            {
                Add(DuplicatedKey, FindingSeverity.Warning, e.Line, e.Column, Format(CoreStrings.LintDuplicatedKey, key, first));
            }
            else
            {
                firstLine.Add(key, e.Line);
            }

            if (HasLowercase(key))
            {
                Add(LowercaseKey, FindingSeverity.Warning, e.Line, e.Column, Format(CoreStrings.LintLowercaseKey, key));
            }

            // dotenv-linter's IncorrectDelimiter: only letters, digits and '_' in a key ('-' and '.' are read by
            // compose but dropped by Ruby dotenv and refused as shell variable names).
            if (HasIncorrectDelimiter(key))
            {
                Add(IncorrectDelimiter, FindingSeverity.Warning, e.Line, e.Column, Format(CoreStrings.LintIncorrectDelimiter, key));
            }

            if (EnvChars.IsBlank(text[span.Start]))
            {
                Add(LeadingCharacter, FindingSeverity.Warning, e.Line, 1, Format(CoreStrings.LintIndentedKey, key));
            }

            if (!(char.IsLetter(key[0]) || key[0] == '_'))
            {
                Add(LeadingCharacter, FindingSeverity.Warning, e.Line, e.Column, Format(CoreStrings.LintLeadingCharacter, key));
            }

            // Groups are separated by blank lines; within one, keys go in alphabetical order. A duplicate is
            // reported as such and does not take part.
            bool newGroup = previousKey is null || lines.HasBlankBetween(previousLine, e.Line);
            if (!duplicate)
            {
                if (!newGroup && string.Compare(key, previousKey, StringComparison.OrdinalIgnoreCase) < 0)
                {
                    Add(UnorderedKey, FindingSeverity.Information, e.Line, e.Column, Format(CoreStrings.LintUnorderedKey, key, previousKey!));
                }

                previousKey = key;
            }
            else if (newGroup)
            {
                previousKey = null;
            }

            previousLine = lines.LastLineOf(e);

            if (e.Value is null)
            {
                Add(KeyWithoutValue, FindingSeverity.Warning, e.Line, e.Column, Format(CoreStrings.LintKeyWithoutValue, key));
                continue;
            }

            int separator = span.KeyEnd;
            while (text[separator] is not ('=' or ':'))
            {
                separator++;
            }

            bool valueOnLine = e.Quote != EnvQuote.None || e.Value.Length > 0;
            if (separator > span.KeyEnd || (valueOnLine && span.ValueStart > separator + 1))
            {
                Add(SpaceCharacter, FindingSeverity.Warning, e.Line, separator - span.Start + 1, Format(CoreStrings.LintSpaceCharacter, key));
            }

            LintValue(e, text, Add);
        }
    }

    private static bool HasBlankOutsideSubstitutions(string value)
    {
        int depth = 0;
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c == '$' && i + 1 < value.Length && value[i + 1] == '{')
            {
                depth++;
                i++;
            }
            else if (c == '}' && depth > 0)
            {
                depth--;
            }
            else if (depth == 0 && c is ' ' or '\t')
            {
                return true;
            }
        }

        return false;
    }

    // From the second character: a bad first character is LeadingCharacter's finding.
    private static bool HasIncorrectDelimiter(string key)
    {
        foreach (char c in key.AsSpan(1))
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return true;
            }
        }

        return false;
    }

    private static void LintValue(EnvEntry e, string text, Action<string, FindingSeverity, int, int, string> add)
    {
        string key = e.Key;
        string value = e.Value!;
        int line = e.ValueLine;
        int column = e.ValueColumn;

        if (e.Quote == EnvQuote.None)
        {
            // Blanks inside a substitution (${VAR:?must be set}) are its message or default, not the value's.
            if (HasBlankOutsideSubstitutions(value))
            {
                add(ValueWithoutQuotes, FindingSeverity.Warning, line, column, Format(CoreStrings.LintValueWithoutQuotes, key));
            }

            // Node dotenv also ends the value at a '#' that the value starts with: "A= #c" is "#c" for compose.
            if (value.Contains('#', StringComparison.Ordinal))
            {
                add(PortabilityHash, FindingSeverity.Warning, line, column, Format(CoreStrings.LintPortabilityHash, key));
            }
        }
        else
        {
            if (EnvValueWriter.IsPlain(value) && value.Length > 0)
            {
                add(QuoteCharacter, FindingSeverity.Information, line, column, Format(CoreStrings.LintQuoteCharacter, key));
            }

            add(PortabilityQuoted, FindingSeverity.Information, line, column, Format(CoreStrings.LintPortabilityQuoted, key));

            if (e.Quote == EnvQuote.Double && HasEscapeOtherThanNewLines(text.AsSpan(e.Span.ValueStart + 1, e.Span.ValueEnd - e.Span.ValueStart - 2)))
            {
                add(PortabilityEscapes, FindingSeverity.Warning, line, column, Format(CoreStrings.LintPortabilityEscapes, key));
            }
        }

        if (!e.Interpolate)
        {
            return;
        }

        string source = e.InterpolationSource!;
        string? reason = EnvInterpolator.Validate(source);
        if (reason is not null)
        {
            add(SubstitutionKey, FindingSeverity.Error, line, column, Format(CoreStrings.LintSubstitutionKey, key, reason));
        }
        else if (EnvInterpolator.ReferencedNames(source).Count > 0 || source.Contains("$$", StringComparison.Ordinal))
        {
            add(PortabilityExpansion, FindingSeverity.Warning, line, column, Format(CoreStrings.LintPortabilityExpansion, key));
        }
    }

    private static void LintLines(string? file, string text, LineFacts lines, List<LintFinding> findings)
    {
        bool previousBlank = false;
        for (int i = 0; i < lines.Count; i++)
        {
            int number = i + 1;
            if (lines.IsInsideValue(number))
            {
                previousBlank = false;
                continue;
            }

            ReadOnlySpan<char> content = lines.Content(text, i);
            bool blank = content.Trim().IsEmpty;
            if (blank && previousBlank)
            {
                findings.Add(new LintFinding(ExtraBlankLine, FindingSeverity.Information, file, number, 1, null, CoreStrings.LintExtraBlankLine));
            }

            int trimmed = content.TrimEnd().Length;
            if (trimmed < content.Length)
            {
                string? key = lines.KeyStartingOn(number);
                findings.Add(new LintFinding(
                    TrailingWhitespace,
                    FindingSeverity.Information,
                    file,
                    number,
                    trimmed + 1,
                    key,
                    key is null ? CoreStrings.LintTrailingWhitespace : Format(CoreStrings.LintTrailingWhitespaceKey, key)));
            }

            previousBlank = blank;
        }

        if (text.Length > 0 && text[^1] != '\n')
        {
            findings.Add(new LintFinding(
                EndingBlankLine, FindingSeverity.Information, file, lines.Count, lines.Content(text, lines.Count - 1).Length + 1, null, CoreStrings.LintEndingBlankLine));
        }
    }

    private static bool HasLowercase(string key)
    {
        foreach (char c in key)
        {
            if (char.IsLower(c))
            {
                return true;
            }
        }

        return false;
    }

    // Node dotenv turns \n and \r into line breaks in double quotes and keeps every other backslash.
    private static bool HasEscapeOtherThanNewLines(ReadOnlySpan<char> raw)
    {
        for (int i = 0; i < raw.Length - 1; i++)
        {
            if (raw[i] == '\\')
            {
                if (raw[i + 1] is not ('n' or 'r'))
                {
                    return true;
                }

                i++;
            }
        }

        return false;
    }

    private static string Format(string format, params object[] args) =>
        string.Format(CultureInfo.InvariantCulture, format, args);

    /// <summary>Physical lines of the text: where each starts, which lie inside quoted values, which are blank.</summary>
    private sealed class LineFacts
    {
        private readonly List<int> _starts = new();
        private readonly HashSet<int> _insideValue = new();
        private readonly HashSet<int> _blank = new();
        private readonly Dictionary<int, string> _keyOnLine = new();
        private readonly Dictionary<EnvEntry, int> _lastLine = new(ReferenceEqualityComparer.Instance);

        public int Count => _starts.Count;

        public static LineFacts Of(string text, IReadOnlyList<EnvEntry> entries)
        {
            var facts = new LineFacts();
            for (int start = 0; start < text.Length;)
            {
                facts._starts.Add(start);
                int lf = text.IndexOf('\n', start);
                start = lf < 0 ? text.Length : lf + 1;
            }

            foreach (EnvEntry e in entries)
            {
                facts._keyOnLine[e.Line] = e.Key;
                int breaks = text.AsSpan(e.Span.ValueStart, e.Span.ValueEnd - e.Span.ValueStart).Count('\n');
                for (int l = e.ValueLine; l < e.ValueLine + breaks; l++)
                {
                    facts._insideValue.Add(l);
                }

                facts._lastLine[e] = e.ValueLine + breaks;
            }

            for (int i = 0; i < facts.Count; i++)
            {
                if (!facts._insideValue.Contains(i + 1) && facts.Content(text, i).Trim().IsEmpty)
                {
                    facts._blank.Add(i + 1);
                }
            }

            return facts;
        }

        public bool IsInsideValue(int line) => _insideValue.Contains(line);

        public string? KeyStartingOn(int line) => _keyOnLine.GetValueOrDefault(line);

        public int LastLineOf(EnvEntry e) => _lastLine[e];

        // The content of the line at 'index' (0-based), without its LF or the CR of a CRLF.
        public ReadOnlySpan<char> Content(string text, int index)
        {
            int start = _starts[index];
            int end = index + 1 < _starts.Count ? _starts[index + 1] : text.Length;
            if (end > start && text[end - 1] == '\n')
            {
                end--;
                if (end > start && text[end - 1] == '\r')
                {
                    end--;
                }
            }

            return text.AsSpan(start, end - start);
        }

        public bool HasBlankBetween(int afterLine, int beforeLine)
        {
            for (int l = afterLine + 1; l < beforeLine; l++)
            {
                if (_blank.Contains(l))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
