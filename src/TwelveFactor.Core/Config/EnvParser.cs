using System;
using System.Collections.Generic;
using System.Globalization;
using System.Runtime.CompilerServices;
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

    /// <summary>Texts of this many characters and more are parsed in chunks on several threads at once (<see cref="ParseInChunks"/>).</summary>
    internal const int HalvesFromChars = 1 << 20;

    /// <summary>About how many characters each chunk of a large text holds.</summary>
    internal const int ChunkChars = 1 << 21;

    private EnvParser(string text, string? file, int capacity)
    {
        _text = text;
        _file = file;
        _entries = new List<EnvEntry>(capacity);
    }

    public static List<EnvEntry> Parse(string text, string? file)
    {
        if (text.Length >= HalvesFromChars && Environment.ProcessorCount > 1 && ChunkStarts(text) is { Length: > 1 } starts)
        {
            return ParseInChunks(text, file, starts);
        }

        // At most one statement a line; counting the lines (vectorised) spares a 250,000-key file the list's
        // repeated doubling through the large-object heap.
        var parser = new EnvParser(text, file, text.Length < 4096 ? 8 : text.AsSpan().Count('\n') + 1);
        parser.Run(0, -1, text.Length);
        return parser._entries;
    }

    /// <summary>
    /// <see cref="ParseInChunks"/> with two chunks, the second from <paramref name="split"/> (a split past the last
    /// line start reads the text in one pass).
    /// </summary>
    internal static List<EnvEntry> ParseInHalves(string text, string? file, int split, Func<Action, Task>? schedule = null) =>
        ParseInChunks(text, file, split > 0 && split < text.Length ? new[] { 0, split } : new[] { 0 }, schedule);

    /// <summary>
    /// Parses the text in chunks that begin at <paramref name="starts"/> (0, then line starts in increasing order),
    /// each as if a statement began there, on this thread and on pool threads at once, each thread taking the next
    /// chunk not yet taken: when one thread is slowed (the runtime compiling on the other core), the other reads
    /// more of the text, where two fixed halves waited for the slower. A chunk counts only when the chunks before it
    /// end exactly where it begins, in the state it assumed (after a <see cref="EnvDocument.SecretAnnotation"/> line
    /// or not): then the one-pass parser would have read it from the same state, to the same entries or the same
    /// error. Otherwise (a quoted value over several lines crosses its start) the text from there to the end is
    /// read in one pass, and the later chunks' work, or errors, are dropped. The first error of a chunk that counts
    /// is the file's first error (any other exception a counted chunk met is rethrown as it was). Every chunk a thread
    /// took is finished before this returns or throws.
    /// </summary>
    /// <param name="schedule">Starts a helper's work (tests give a scheduler that never starts it, or runs it at once).</param>
    internal static List<EnvEntry> ParseInChunks(string text, string? file, int[] starts, Func<Action, Task>? schedule = null)
    {
        int count = starts.Length;

        // Each chunk's first line number and line count (one vectorised pass), and the annotation state it assumes.
        var firstLines = new int[count + 1];
        firstLines[0] = 1;
        for (int k = 0; k < count; k++)
        {
            int end = k + 1 < count ? starts[k + 1] : text.Length;
            firstLines[k + 1] = firstLines[k] + text.AsSpan(starts[k], end - starts[k]).Count('\n');
        }

        var chunks = new Chunk[count];
        // Not disposed: a helper may still be returning from its last Signal when the wait below ends.
        var finished = new CountdownEvent(count);
        int next = 0;
        void TakeChunks()
        {
            for (int k = Interlocked.Increment(ref next) - 1; k < count; k = Interlocked.Increment(ref next) - 1)
            {
                // The first chunk's list takes every entry of the text, so the others append to it without growing it.
                var parser = new EnvParser(text, file, (k == 0 ? firstLines[count] : firstLines[k + 1] - firstLines[k]) + 1) { _line = firstLines[k] };
                var chunk = new Chunk(parser, k == 0 ? -1 : AnnotationEndingAt(text, starts[k]));
                try
                {
                    (chunk.EndPos, chunk.EndAnnotation) = parser.Run(starts[k], chunk.AssumedAnnotation, k + 1 < count ? starts[k + 1] : text.Length);
                }
                catch (EnvFileSyntaxException ex)
                {
                    chunk.Error = ex;
                }
                catch (Exception ex)
                {
                    chunk.Failure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(ex);
                }

                chunks[k] = chunk;
                finished.Signal();
            }
        }

        // One helper per other core, at most one per chunk after the first; a helper that starts late finds fewer
        // chunks, or none, left to take.
        int helpers = Math.Min(Math.Min(Environment.ProcessorCount - 1, count - 1), 7);
        for (int h = 0; h < helpers; h++)
        {
            (schedule ?? Task.Run)(TakeChunks);
        }

        TakeChunks();
        finished.Wait();

        Chunk current = chunks[0];
        List<EnvEntry> entries = current.Parser._entries;
        for (int k = 0; ; k++)
        {
            current.Failure?.Throw();
            if (current.Error is not null)
            {
                throw current.Error;
            }

            if (k + 1 == count)
            {
                return entries;
            }

            Chunk following = chunks[k + 1];
            if (current.EndPos != starts[k + 1] || current.EndAnnotation != following.AssumedAnnotation)
            {
                // A statement ran past the next chunk's start: the rest is read in one pass from where it ended.
                EnvParser rest = chunks[0].Parser;
                rest._line = current.Parser._line;
                rest.Run(current.EndPos, current.EndAnnotation, text.Length);
                return entries;
            }

            if (following.Error is null && following.Failure is null)
            {
                entries.AddRange(following.Parser._entries);
            }

            current = following;
        }
    }

    // Chunk starts about ChunkChars apart, each at a line start; just { 0 } when the text has no second line start.
    private static int[] ChunkStarts(string text)
    {
        int count = Math.Max(2, text.Length / ChunkChars);
        var starts = new List<int>(count) { 0 };
        for (int k = 1; k < count; k++)
        {
            int from = (int)((long)text.Length * k / count);
            if (from <= starts[^1])
            {
                continue;
            }

            int lf = text.AsSpan(from).IndexOf('\n');
            if (lf < 0 || from + lf + 1 >= text.Length)
            {
                break;
            }

            starts.Add(from + lf + 1);
        }

        return starts.ToArray();
    }

    private sealed class Chunk
    {
        internal Chunk(EnvParser parser, int assumedAnnotation)
        {
            Parser = parser;
            AssumedAnnotation = assumedAnnotation;
        }

        internal EnvParser Parser { get; }

        internal int AssumedAnnotation { get; }

        internal int EndPos { get; set; }

        internal int EndAnnotation { get; set; }

        internal EnvFileSyntaxException? Error { get; set; }

        internal System.Runtime.ExceptionServices.ExceptionDispatchInfo? Failure { get; set; }
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

    // This loop and the per-key methods it leads to (the resolver's TryApply, the secret classifier and masker,
    // Get-TfConfig's output) run as ReadyToRun code, not marked AggressiveOptimization: compiling those and the
    // statement reader at first call cost every session's first config read 10-12 ms of JIT (a 2-line .env's first
    // Get-TfConfig 25 ms with them, 14 without), while the first read of a 10 MB file took as long either way (159
    // and 159 ms, medians of 7 fresh sessions; a third with cross-module inlining, 156 ms). The statement reader
    // alone is marked again (see ReadStatement).
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
    // The one per-key method compiled fully optimized at first call (see Run): as ReadyToRun code it was recompiled
    // with PGO instrumentation during a session's calls 2-6 and ran slower there. Calls 2-6 of the 10 MB file,
    // medians of 7 fresh sessions, three A/B runs: objects 172 -> 135, 196 -> 165, 224 -> 204 ms; -AsHashtable
    // 124 -> 118, 118 -> 124, 183 -> 160 ms; at 4-5 ms of JIT on a session's first config read (14 -> 19 ms).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
                throw Error(firstBlank, KeyPrefixForMessage(text, keyStart, contentEnd) is { } keyPart
                    ? Format(CoreStrings.EnvKeyContainsSpace, keyPart)
                    : CoreStrings.EnvLineWithoutSeparator);
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

    // Never shows more than the key part of the line: the rest may be a value. A line with no '=' or ':' has no key
    // part (a passphrase pasted on a line of its own, a wrapped value's second line): null, and nothing is shown.
    private static string? KeyPrefixForMessage(string text, int keyStart, int contentEnd)
    {
        int end = keyStart;
        while (end < contentEnd && text[end] is not ('=' or ':'))
        {
            end++;
        }

        return end < contentEnd ? text.AsSpan(keyStart, end - keyStart).TrimEnd().ToString() : null;
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
