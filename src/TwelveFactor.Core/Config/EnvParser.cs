using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using TwelveFactor.Core.Resources;

namespace TwelveFactor.Core.Config;

/// <summary>
/// Reads env file text with docker compose's grammar (compose-go's <c>dotenv</c> parser), recording where each
/// statement sits so the document can be edited losslessly. One pass over the text, line by line, with
/// vectorised searches; it allocates the key, the value and the entry, nothing per character.
/// </summary>
/// <remarks>
/// Two places where compose is lenient and this parser is strict, because the lenient reading is never what
/// the author meant: text after a closing quote other than a comment is an error (compose starts a new
/// statement there, so <c>A="x" B=2</c> defines B), and a line made of <c>=</c> and a value with no key is an
/// error (compose defines an empty-named variable). A last line <c>KEY</c> without a line break is a bare key,
/// as it is when a line break follows.
/// </remarks>
internal sealed class EnvParser
{
    private const string ExportPrefix = "export";

    private readonly string _text;
    private readonly string? _file;
    private readonly List<EnvEntry> _entries;
    private StringBuilder? _builder;
    private StringBuilder? _sourceBuilder;

    // The physical line being read.
    private int _line = 1;
    private int _lineStart;

    /// <summary>Texts of this many characters and more are parsed in two halves at once (<see cref="ParseInHalves"/>).</summary>
    internal const int HalvesFromChars = 1 << 20;

    private EnvParser(string text, string? file, int capacity)
    {
        _text = text;
        _file = file;
        _entries = new List<EnvEntry>(capacity);
    }

    public static List<EnvEntry> Parse(string text, string? file)
    {
        if (text.Length >= HalvesFromChars && Environment.ProcessorCount > 1 && SplitPoint(text) is int split and > 0)
        {
            return ParseInHalves(text, file, split);
        }

        // At most one statement a line; counting the lines (vectorised) spares a 250,000-key file the list's
        // repeated doubling through the large-object heap.
        var parser = new EnvParser(text, file, text.Length < 4096 ? 8 : text.AsSpan().Count('\n') + 1);
        parser.Run(0, -1, text.Length);
        return parser._entries;
    }

    /// <summary>
    /// Parses the text before <paramref name="split"/> (a line start) here and the rest on another thread, as if a
    /// statement began at <paramref name="split"/>. The second half counts only when the first ends exactly there,
    /// in the state the second assumed (after a <see cref="EnvDocument.SecretAnnotation"/> line or not): then the
    /// one-pass parser would have read the second half from the same state, to the same entries or the same error.
    /// Otherwise (the split fell inside a quoted value over several lines, or no pool thread took the second half
    /// before the first was done) the first parser simply goes on to the end, and the second half's work, or error,
    /// is dropped. An error in the first half is the file's first error.
    /// </summary>
    /// <param name="schedule">Starts the second half's work (tests give a scheduler that never starts it).</param>
    internal static List<EnvEntry> ParseInHalves(
        string text, string? file, int split, Func<Func<(EnvParser? Parser, EnvFileSyntaxException? Error)>, Task<(EnvParser? Parser, EnvFileSyntaxException? Error)>>? schedule = null)
    {
        int firstLines = text.AsSpan(0, split).Count('\n');
        int assumedAnnotation = AnnotationEndingAt(text, split);

        // 0: not started, 1: the other thread took the second half, 2: this thread gave up waiting for it to start
        // (a busy thread pool) and reads on alone.
        int claim = 0;
        var second = (schedule ?? Task.Run)(() =>
        {
            if (Interlocked.CompareExchange(ref claim, 1, 0) != 0)
            {
                return (null, null);
            }

            var parser = new EnvParser(text, file, text.AsSpan(split).Count('\n') + 1) { _line = firstLines + 1 };
            try
            {
                parser.Run(split, assumedAnnotation, text.Length);
                return (parser, null);
            }
            catch (EnvFileSyntaxException ex)
            {
                return (parser, ex);
            }
        });

        var first = new EnvParser(text, file, (firstLines * 2) + 16);
        (int Pos, int Annotation) end;
        try
        {
            end = first.Run(0, -1, split);
        }
        finally
        {
            // Never leave the other half running past this call, error or not.
            if (Interlocked.CompareExchange(ref claim, 2, 0) == 1)
            {
                try
                {
                    second.Wait();
                }
                catch (AggregateException)
                {
                    // Not a syntax error (those are returned): rethrown below unless the first half's error is on its way.
                }
            }
        }

        (EnvParser? secondParser, EnvFileSyntaxException? secondError) = Volatile.Read(ref claim) == 1 ? second.GetAwaiter().GetResult() : (null, null);
        if (secondParser is not null && end.Pos == split && end.Annotation == assumedAnnotation)
        {
            if (secondError is not null)
            {
                throw secondError;
            }

            first._entries.AddRange(secondParser._entries);
            return first._entries;
        }

        first.Run(end.Pos, end.Annotation, text.Length);
        return first._entries;
    }

    // A line start just past the middle of the text; -1 when the second half has none.
    private static int SplitPoint(string text)
    {
        int middle = text.Length / 2;
        int lf = text.AsSpan(middle).IndexOf('\n');
        return lf < 0 || middle + lf + 1 >= text.Length ? -1 : middle + lf + 1;
    }

    // Where the one-pass parser's annotation state would point at lineStart if a statement boundary were there: the
    // start of the line before it when that line is a '# tf:secret' comment, else -1 (read as Run reads a line).
    private static int AnnotationEndingAt(string text, int lineStart)
    {
        int previous = text.AsSpan(0, lineStart - 1).LastIndexOf('\n') + 1;
        int contentEnd = lineStart - 1 > previous && text[lineStart - 2] == '\r' ? lineStart - 2 : lineStart - 1;
        int i = previous;
        while (i < contentEnd && EnvChars.IsBlank(text[i]))
        {
            i++;
        }

        return i < contentEnd && text[i] == '#' && IsAnnotation(text.AsSpan(i, contentEnd - i)) ? previous : -1;
    }

    /// <summary>The line break the text uses: that of its first line, "\n" when it has none.</summary>
    public static string DetectNewLine(string text)
    {
        int lf = text.IndexOf('\n');
        return lf > 0 && text[lf - 1] == '\r' ? "\r\n" : "\n";
    }

    // This loop and the per-key methods it leads to (the statement reader, the resolver's TryApply, the secret
    // classifier and masker, Get-TfConfig's output) run as ReadyToRun code, not marked AggressiveOptimization:
    // compiling those eight at first call cost every session's first config read 10-12 ms of JIT (a 2-line .env's
    // first Get-TfConfig 25 ms with them, 14 without), while the first read of a 10 MB file took as long
    // either way (159 and 159 ms, medians of 7 fresh sessions; a third with cross-module inlining, 156 ms).
    private (int Pos, int AnnotationStart) Run(int pos, int annotationStart, int stopAt)
    {
        string text = _text;
        int n = text.Length;

        // Statements are read whole: the last one may end past stopAt, which the caller sees in the position returned.
        while (pos < stopAt)
        {
            _lineStart = pos;
            int lineEnd = LineEnd(pos);
            int contentEnd = ContentEnd(lineEnd);
            int next = lineEnd < n ? lineEnd + 1 : n;

            int i = pos;
            while (i < contentEnd && EnvChars.IsBlank(text[i]))
            {
                i++;
            }

            if (i == contentEnd)
            {
                annotationStart = -1;
                pos = next;
                _line++;
                continue;
            }

            if (text[i] == '#')
            {
                annotationStart = IsAnnotation(text.AsSpan(i, contentEnd - i)) ? pos : -1;
                pos = next;
                _line++;
                continue;
            }

            pos = ReadStatement(i, contentEnd, annotationStart);
            annotationStart = -1;
        }

        return (pos, annotationStart);
    }

    private static bool IsAnnotation(ReadOnlySpan<char> comment) =>
        comment.TrimEnd().SequenceEqual(EnvDocument.SecretAnnotation);

    private int LineEnd(int from)
    {
        int lf = _text.AsSpan(from).IndexOf('\n');
        return lf < 0 ? _text.Length : from + lf;
    }

    // The end of a line's content: before the CR of a CRLF, so that edits never split the pair.
    private int ContentEnd(int lineEnd) =>
        lineEnd < _text.Length && lineEnd > _lineStart && _text[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;

    private int Column(int index) => index - _lineStart + 1;

    private EnvFileSyntaxException Error(int index, string reason) => new(_file, _line, Column(index), reason);

    // Reads one statement whose first non-blank character is at i; returns the start of the next line.
    private int ReadStatement(int i, int contentEnd, int annotationStart)
    {
        string text = _text;
        int statementStart = _lineStart;
        bool hasExport = false;

        // "export" is a prefix only when blanks and then a key character follow; "export=1" defines "export".
        if (text.AsSpan(i, contentEnd - i).StartsWith(ExportPrefix, StringComparison.Ordinal)
            && i + ExportPrefix.Length < contentEnd
            && EnvChars.IsBlank(text[i + ExportPrefix.Length]))
        {
            int j = i + ExportPrefix.Length;
            while (j < contentEnd && EnvChars.IsBlank(text[j]))
            {
                j++;
            }

            if (j < contentEnd && EnvChars.IsKeyChar(text[j]))
            {
                hasExport = true;
                i = j;
            }
        }

        int keyStart = i;
        int separator = -1;
        int firstBlank = -1;
        for (int k = i; k < contentEnd; k++)
        {
            char c = text[k];
            if (c is '=' or ':')
            {
                separator = k;
                break;
            }

            if (EnvChars.IsBlank(c))
            {
                if (firstBlank < 0)
                {
                    firstBlank = k;
                }

                continue;
            }

            if (!EnvChars.IsKeyChar(c))
            {
                throw Error(k, Format(CoreStrings.EnvUnexpectedKeyCharacter, EnvChars.Describe(c)));
            }

            if (firstBlank >= 0)
            {
                throw Error(firstBlank, Format(CoreStrings.EnvKeyContainsSpace, KeyPrefixForMessage(text, keyStart, contentEnd)));
            }
        }

        int keyEnd = LastNonBlank(keyStart, separator < 0 ? contentEnd : separator);
        if (keyEnd == keyStart)
        {
            throw Error(separator, CoreStrings.EnvMissingKey);
        }

        string key = text.Substring(keyStart, keyEnd - keyStart);
        int keyLine = _line;
        int keyColumn = Column(keyStart);
        int lineEnd = LineEnd(contentEnd);
        int next = lineEnd < text.Length ? lineEnd + 1 : text.Length;

        if (separator < 0)
        {
            _entries.Add(new EnvEntry(
                key, null, null, EnvQuote.None, keyLine, keyColumn, keyLine, Column(keyEnd), hasExport,
                new EnvSpan(statementStart, next, keyEnd, keyEnd, keyEnd, annotationStart)));
            _line++;
            return next;
        }

        int v = separator + 1;
        while (v < contentEnd && EnvChars.IsBlank(text[v]))
        {
            v++;
        }

        if (v < contentEnd && text[v] is '"' or '\'')
        {
            return ReadQuoted(key, keyLine, keyColumn, hasExport, statementStart, keyEnd, v, annotationStart);
        }

        // Unquoted: up to the end of the line or a '#' that follows a blank, then trimmed.
        int end = contentEnd;
        int from = v;
        while (from < contentEnd)
        {
            int hash = text.AsSpan(from, contentEnd - from).IndexOf('#');
            if (hash < 0)
            {
                break;
            }

            hash += from;
            if (hash > v && EnvChars.IsBlank(text[hash - 1]))
            {
                end = hash;
                break;
            }

            from = hash + 1;
        }

        int valueEnd = LastNonBlank(v, end);
        _entries.Add(new EnvEntry(
            key, text, EnvQuote.None, keyLine, keyColumn, keyLine, Column(v), hasExport,
            new EnvSpan(statementStart, next, keyEnd, v, valueEnd, annotationStart)));
        _line++;
        return next;
    }

    // Never shows more than the key part of the line: the rest may be a value.
    private static string KeyPrefixForMessage(string text, int keyStart, int contentEnd)
    {
        int end = keyStart;
        while (end < contentEnd && text[end] is not ('=' or ':'))
        {
            end++;
        }

        return text.AsSpan(keyStart, end - keyStart).TrimEnd().ToString();
    }

    private int LastNonBlank(int start, int end)
    {
        while (end > start && EnvChars.IsBlank(_text[end - 1]))
        {
            end--;
        }

        return end;
    }

    private int ReadQuoted(
        string key, int keyLine, int keyColumn, bool hasExport, int statementStart, int keyEnd, int open, int annotationStart)
    {
        string text = _text;
        int n = text.Length;
        char quote = text[open];
        bool isDouble = quote == '"';
        int valueLine = _line;
        int valueColumn = Column(open);
        int openLineStart = _lineStart;

        // Runs of plain text are copied in one go; the builders are used only when an escape occurs.
        StringBuilder? value = null;
        StringBuilder? source = null;
        int runStart = open + 1;
        int q = open + 1;
        int close = -1;
        while (q < n)
        {
            int hit = text.AsSpan(q).IndexOfAny(quote, '\\', '\n');
            if (hit < 0)
            {
                break;
            }

            q += hit;
            char c = text[q];
            if (c == quote)
            {
                close = q;
                break;
            }

            if (c == '\n')
            {
                _line++;
                _lineStart = q + 1;
                q++;
                continue;
            }

            // A backslash: it and the next character form a pair (compose never lets the second one start
            // another escape).
            if (q + 1 >= n)
            {
                break;
            }

            char escaped = text[q + 1];
            int length = 2;
            string? replacement = escaped == quote
                ? (isDouble ? "\"" : "'")
                : isDouble ? DoubleQuoteEscape(text, q, ref length) : null;
            if (replacement is null)
            {
                // Not an escape: both characters stay.
                if (escaped == '\n')
                {
                    _line++;
                    _lineStart = q + 2;
                }

                q += 2;
                continue;
            }

            value ??= TakeBuilder(ref _builder);
            value.Append(text, runStart, q - runStart).Append(replacement);
            if (isDouble)
            {
                source ??= TakeBuilder(ref _sourceBuilder);
                // Only "\$" is a literal dollar; compose expands a "$" made by an octal escape ("\0044").
                source.Append(text, runStart, q - runStart).Append(escaped == '$' ? "$$" : replacement);
            }

            q += length;
            runStart = q;
        }

        if (close < 0)
        {
            _line = valueLine;
            _lineStart = openLineStart;
            throw Error(open, Format(CoreStrings.EnvUnterminatedQuote, isDouble ? "double" : "single", key));
        }

        // Null while the value is the text between the quotes, as most are: the entry reads it from there.
        string? result = null;
        string? interpolationSource = null;
        if (value is not null)
        {
            result = value.Append(text, runStart, close - runStart).ToString();
            if (source is not null)
            {
                string withDollars = source.Append(text, runStart, close - runStart).ToString();
                interpolationSource = string.Equals(withDollars, result, StringComparison.Ordinal) ? null : withDollars;
            }
        }

        // Only blanks and a comment may follow the closing quote on its line.
        int lineEnd = LineEnd(close);
        int contentEnd = ContentEnd(lineEnd);
        int after = close + 1;
        while (after < contentEnd && EnvChars.IsBlank(text[after]))
        {
            after++;
        }

        if (after < contentEnd && text[after] != '#')
        {
            throw Error(after, Format(CoreStrings.EnvTextAfterQuote, key));
        }

        int next = lineEnd < n ? lineEnd + 1 : n;
        var span = new EnvSpan(statementStart, next, keyEnd, open, close + 1, annotationStart);
        EnvQuote kind = isDouble ? EnvQuote.Double : EnvQuote.Single;
        _entries.Add(result is null
            ? new EnvEntry(key, text, kind, keyLine, keyColumn, valueLine, valueColumn, hasExport, span)
            : new EnvEntry(key, result, interpolationSource, kind, keyLine, keyColumn, valueLine, valueColumn, hasExport, span));
        _line++;
        return next;
    }

    private static StringBuilder TakeBuilder(ref StringBuilder? cached)
    {
        cached ??= new StringBuilder();
        cached.Clear();
        return cached;
    }

    // The escape compose processes at text[backslash] in double quotes, with its length; null keeps the
    // backslash. Besides the one-letter escapes, \0 and three octal digits up to \0377 give that character.
    private static string? DoubleQuoteEscape(string text, int backslash, ref int length)
    {
        char c = text[backslash + 1];
        if (c != '0')
        {
            return DoubleQuoteEscape(c);
        }

        int digits = backslash + 2;
        int value = 0;
        int count = 0;
        while (count < 3 && digits + count < text.Length && (uint)(text[digits + count] - '0') <= 7)
        {
            value = (value * 8) + (text[digits + count] - '0');
            count++;
        }

        if (count < 3 || value > 0xFF)
        {
            return null;
        }

        length = 5;
        return ((char)value).ToString();
    }

    private static string? DoubleQuoteEscape(char c) => c switch
    {
        'a' => "\a",
        'b' => "\b",
        'f' => "\f",
        'n' => "\n",
        'r' => "\r",
        't' => "\t",
        'v' => "\v",
        '\\' => "\\",
        '$' => "$",
        _ => null,
    };

    private static string Format(string format, params object[] args) =>
        string.Format(CultureInfo.InvariantCulture, format, args);
}
