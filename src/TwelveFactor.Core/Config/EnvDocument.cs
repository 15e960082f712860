using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using TwelveFactor.Core.Resources;

namespace TwelveFactor.Core.Config;

/// <summary>
/// One env file's text and the statements read from it. The document keeps the text itself, so
/// <see cref="Render"/> gives back the parsed input byte for byte, and edits splice only the bytes they must
/// change (a value token, a whole statement, an annotation line) before the text is read again.
/// </summary>
public sealed class EnvDocument
{
    /// <summary>The comment line that marks the statement below it as a secret.</summary>
    public const string SecretAnnotation = "# tf:secret";

    private string _text;

    // Null after an edit until someone asks: an edit of a 50 MB file then parses the new text once, when the
    // editor checks that it reads back, instead of once here and once there.
    private IReadOnlyList<EnvEntry>? _parsedEntries;
    private Dictionary<string, int>? _lastIndex;
    private int _linearFinds;

    // The statement the last SetValue wrote, as offsets into the new text, so that the editor's read-back check
    // parses those lines alone: every other line is the text that parsed before.
    private string? _editedKey;
    private int _editedStart;
    private int _editedEnd;

    private EnvDocument(string text, string? fileName, List<EnvEntry> entries)
    {
        _text = text;
        FileName = fileName;
        _parsedEntries = entries.AsReadOnly();
        NewLine = EnvParser.DetectNewLine(text);
    }

    /// <summary>The file name given to <see cref="Parse"/>, used in error messages.</summary>
    public string? FileName { get; }

    /// <summary>The statements in file order, duplicates kept.</summary>
    /// <exception cref="EnvFileSyntaxException">An edit made the text unreadable (the editor's check before it writes).</exception>
    public IReadOnlyList<EnvEntry> Entries => _parsedEntries ??= EnvParser.Parse(_text, FileName).AsReadOnly();

    /// <summary>True while the statements of the current text are parsed (false after an edit until they are asked for).</summary>
    internal bool IsParsed => _parsedEntries is not null;

    /// <summary>The line break of the text: that of its first line, "\n" when it has none.</summary>
    public string NewLine { get; private set; }

    /// <summary>
    /// Reads env file text (without a byte order mark: <see cref="EnvFileCodec"/> handles that) with docker
    /// compose's grammar.
    /// </summary>
    /// <exception cref="EnvFileSyntaxException">The text is not a valid env file.</exception>
    public static EnvDocument Parse(string text, string? fileName = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new EnvDocument(text, fileName, EnvParser.Parse(text, fileName));
    }

    /// <summary>The statement that defines <paramref name="key"/>: its last occurrence, as compose reads it.</summary>
    public EnvEntry? Find(string key)
    {
        ArgumentNullException.ThrowIfNull(key);

        // An edit looks up one key or two: scanning from the end is cheaper than indexing 250,000 keys for them.
        if (_lastIndex is null && _linearFinds++ < 4)
        {
            IReadOnlyList<EnvEntry> entries = Entries;
            for (int i = entries.Count - 1; i >= 0; i--)
            {
                if (string.Equals(entries[i].Key, key, StringComparison.Ordinal))
                {
                    return entries[i];
                }
            }

            return null;
        }

        if (_lastIndex is null)
        {
            var index = new Dictionary<string, int>(Entries.Count, StringComparer.Ordinal);
            for (int i = 0; i < Entries.Count; i++)
            {
                index[Entries[i].Key] = i;
            }

            _lastIndex = index;
        }

        return _lastIndex.TryGetValue(key, out int at) ? Entries[at] : null;
    }

    /// <summary>The document's text; for an unmodified document, exactly the text that was parsed.</summary>
    public string Render() => _text;

    /// <summary>
    /// Sets a key's value in place. When the key exists, only the value token of its last occurrence changes
    /// (its <c>export</c>, spacing, separator and inline comment stay); otherwise <c>KEY=value</c> is appended in
    /// the file's line break style. The value is written with <see cref="EnvValueWriter.Format"/>, except that
    /// a plain token is put in single quotes where the text after it would otherwise join it.
    /// When <paramref name="markSecret"/> is true and the statement has no annotation, a
    /// <see cref="SecretAnnotation"/> line is inserted above it; false never removes an annotation.
    /// </summary>
    /// <exception cref="ArgumentException">The key is not a valid env file key.</exception>
    public void SetValue(string key, string value, bool markSecret = false)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        if (!EnvChars.IsValidKey(key))
        {
            throw new ArgumentException(
                string.Format(CultureInfo.InvariantCulture, CoreStrings.EnvInvalidKeyArgument, key), nameof(key));
        }

        EnvEntry? entry = Find(key);

        // An update keeps the quoting the file had for the key where the new value can be written that way.
        string token = entry is null ? EnvValueWriter.Format(value) : EnvValueWriter.Format(value, entry.Quote);
        var sb = new StringBuilder(_text.Length + token.Length + key.Length + 16);

        // Where the written statement starts in the new text (its end follows from the growth of the text).
        int statementStart;
        if (entry is null)
        {
            int insertAt = SortedInsertionPoint(key);
            statementStart = insertAt < 0 ? _text.Length : insertAt;
            if (insertAt < 0)
            {
                Append(sb, key, token, markSecret);
            }
            else
            {
                // A file whose last group of keys is in order stays in order (dotenv-linter's UnorderedKey).
                sb.Append(_text, 0, insertAt);
                if (markSecret)
                {
                    sb.Append(SecretAnnotation).Append(NewLine);
                }

                sb.Append(key).Append('=').Append(token).Append(NewLine).Append(_text, insertAt, _text.Length - insertAt);
            }
        }
        else
        {
            EnvSpan span = entry.Span;
            statementStart = span.Start; // an annotation line is inserted there too
            bool bare = entry.Value is null;
            int replaceStart = bare ? span.KeyEnd : span.ValueStart;
            int replaceEnd = bare ? span.KeyEnd : span.ValueEnd;
            token = GuardToken(token, value, replaceEnd);

            int copyFrom = 0;
            if (markSecret && !entry.IsSecretMarked)
            {
                sb.Append(_text, 0, span.Start).Append(SecretAnnotation).Append(NewLine);
                copyFrom = span.Start;
            }

            sb.Append(_text, copyFrom, replaceStart - copyFrom);
            if (bare)
            {
                sb.Append('=');
            }

            sb.Append(token).Append(_text, replaceEnd, _text.Length - replaceEnd);
        }

        // The statement ran to its old end (or the old end of the text, or the insertion point); everything the
        // text grew by is in it.
        int statementEnd = (entry is not null ? entry.Span.End : statementStart) + (sb.Length - _text.Length);
        Reload(sb.ToString());
        (_editedKey, _editedStart, _editedEnd) = (key, statementStart, statementEnd);
    }

    /// <summary>
    /// Throws <see cref="EnvFileSyntaxException"/> unless the text reads back as an env file. After a SetValue only
    /// the statement it wrote is parsed (it starts and ends on line boundaries and every other line is unchanged);
    /// when that statement is not exactly the key it set, or after any other edit, the whole text is.
    /// </summary>
    internal void EnsureReadsBack()
    {
        if (_parsedEntries is not null || (_editedKey is not null && EditedStatementReadsBack()))
        {
            return;
        }

        _ = Entries;
    }

    private bool EditedStatementReadsBack()
    {
        string statement = _text.Substring(_editedStart, _editedEnd - _editedStart);
        try
        {
            List<EnvEntry> parsed = EnvParser.Parse(statement, FileName);
            return parsed.Count == 1
                && string.Equals(parsed[0].Key, _editedKey, StringComparison.Ordinal)
                && parsed[0].Span.End == statement.Length;
        }
        catch (EnvFileSyntaxException)
        {
            return false; // the whole text is parsed next, and its error has the real line
        }
    }

    /// <summary>
    /// Removes every statement that defines <paramref name="key"/>, all of its lines (a multi-line value's too)
    /// and the <see cref="SecretAnnotation"/> line directly above each, and nothing else.
    /// </summary>
    /// <returns>False when the key does not occur.</returns>
    public bool Remove(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var sb = new StringBuilder(_text.Length);
        int copied = 0;
        foreach (EnvEntry entry in Entries)
        {
            if (!string.Equals(entry.Key, key, StringComparison.Ordinal))
            {
                continue;
            }

            EnvSpan span = entry.Span;
            int start = span.AnnotationStart >= 0 ? span.AnnotationStart : span.Start;
            sb.Append(_text, copied, start - copied);
            copied = span.End;
        }

        if (copied == 0)
        {
            return false;
        }

        sb.Append(_text, copied, _text.Length - copied);
        Reload(sb.ToString());
        return true;
    }

    // Where a new key goes so that the file's last group of keys (keys not separated by a blank line), when it
    // is in order, stays in order: before the first key of that group that sorts after it. -1: append.
    private int SortedInsertionPoint(string key)
    {
        if (Entries.Count == 0)
        {
            return -1;
        }

        int groupStart = Entries.Count - 1;
        while (groupStart > 0 && !HasBlankLineBetween(Entries[groupStart - 1], Entries[groupStart]))
        {
            groupStart--;
        }

        for (int i = groupStart + 1; i < Entries.Count; i++)
        {
            if (string.Compare(Entries[i - 1].Key, Entries[i].Key, StringComparison.OrdinalIgnoreCase) > 0)
            {
                return -1;
            }
        }

        for (int i = groupStart; i < Entries.Count; i++)
        {
            if (string.Compare(Entries[i].Key, key, StringComparison.OrdinalIgnoreCase) > 0)
            {
                EnvSpan span = Entries[i].Span;
                return span.AnnotationStart >= 0 ? span.AnnotationStart : LineStart(span.Start);
            }
        }

        return -1;
    }

    private bool HasBlankLineBetween(EnvEntry first, EnvEntry second)
    {
        int from = first.Span.End;
        int to = second.Span.AnnotationStart >= 0 ? second.Span.AnnotationStart : second.Span.Start;
        int breaks = 0;
        for (int i = from; i < to; i++)
        {
            if (_text[i] == '\n')
            {
                breaks++;
            }
            else if (_text[i] != '\r' && _text[i] != ' ' && _text[i] != '\t')
            {
                // A comment line between keys: not a blank line, but the order it breaks is the user's.
                breaks = 0;
                while (i < to && _text[i] != '\n')
                {
                    i++;
                }

                breaks = 1;
            }
        }

        return breaks >= 2;
    }

    private int LineStart(int index)
    {
        while (index > 0 && _text[index - 1] != '\n')
        {
            index--;
        }

        return index;
    }

    private void Append(StringBuilder sb, string key, string token, bool markSecret)
    {
        // A file without a final line break keeps that convention: the break goes before the new line.
        bool noFinalBreak = _text.Length > 0 && _text[^1] != '\n';
        sb.Append(_text);
        if (noFinalBreak)
        {
            sb.Append(NewLine);
        }

        if (markSecret)
        {
            sb.Append(SecretAnnotation).Append(NewLine);
        }

        sb.Append(key).Append('=').Append(token);
        if (!noFinalBreak)
        {
            sb.Append(NewLine);
        }
    }

    // A plain token must not run into what follows it: a '#' right after a closing quote would become part
    // of the value, and an empty token followed by " # comment" would make the comment the value.
    private string GuardToken(string token, string value, int followingIndex)
    {
        if (token.Length > 0 && token[0] is '\'' or '"')
        {
            return token;
        }

        int lineEnd = _text.IndexOf('\n', followingIndex);
        if (lineEnd < 0)
        {
            lineEnd = _text.Length;
        }

        ReadOnlySpan<char> rest = _text.AsSpan(followingIndex, lineEnd - followingIndex);
        bool joins = token.Length == 0
            ? !rest.Trim().IsEmpty
            : rest.Length > 0 && !EnvChars.IsBlank(rest[0]);
        return joins ? "'" + value + "'" : token;
    }

    private void Reload(string text)
    {
        _text = text;
        _parsedEntries = null;
        _lastIndex = null;
        _linearFinds = 0;
        _editedKey = null;
        NewLine = EnvParser.DetectNewLine(text);
    }
}
