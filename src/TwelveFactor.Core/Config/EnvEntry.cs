using System;

namespace TwelveFactor.Core.Config;

/// <summary>
/// One <c>KEY=value</c> statement of an env file, as written: the value after quote and escape processing but
/// before interpolation. Offsets into the document's text are kept internally so that
/// <see cref="EnvDocument"/> can edit the file without touching any other byte.
/// </summary>
/// <remarks>
/// A value the file holds verbatim (unquoted, or quoted without an escape: nearly every value) is not copied out of
/// the document's text when the file is read: <see cref="Value"/> copies it each time it is read, and Core's own
/// readers look at <see cref="ValueSpan"/>. A 50 MB file's values then exist once, in its text, until a caller asks
/// for them (Get-TfConfig | Measure-Object makes each one only for the object it writes).
/// </remarks>
public sealed class EnvEntry
{
    // Set for a value that escape processing changed (or a bare KEY: both null); otherwise _text holds the value.
    private readonly string? _value;
    private readonly string? _text;
    private readonly string? _interpolationSource;

    // Whether the value holds a '$': looked at once, while the parser has the text at hand (the resolver asks for
    // every entry, and scanning 160,000 values again there cost 7 ms).
    private readonly bool _holdsDollar;

    internal EnvEntry(
        string key,
        string? value,
        string? interpolationSource,
        EnvQuote quote,
        int line,
        int column,
        int valueLine,
        int valueColumn,
        bool hasExport,
        EnvSpan span)
        : this(key, quote, line, column, valueLine, valueColumn, hasExport, span)
    {
        _value = value;
        _interpolationSource = interpolationSource;
        _holdsDollar = ValueSpan.Contains('$');
    }

    /// <summary>A value that is the text of <paramref name="span"/>'s value token (inside its quotes, if any).</summary>
    internal EnvEntry(
        string key,
        string text,
        EnvQuote quote,
        int line,
        int column,
        int valueLine,
        int valueColumn,
        bool hasExport,
        EnvSpan span)
        : this(key, quote, line, column, valueLine, valueColumn, hasExport, span)
    {
        _text = text;
        _holdsDollar = ValueSpan.Contains('$');
    }

    private EnvEntry(string key, EnvQuote quote, int line, int column, int valueLine, int valueColumn, bool hasExport, EnvSpan span)
    {
        Key = key;
        Quote = quote;
        Line = line;
        Column = column;
        ValueLine = valueLine;
        ValueColumn = valueColumn;
        HasExport = hasExport;
        Span = span;
    }

    /// <summary>The key, trimmed, without any <c>export</c> prefix.</summary>
    public string Key { get; }

    /// <summary>
    /// The value after quote and escape processing, before interpolation; null for a bare <c>KEY</c> line,
    /// which takes its value from the process environment. A value held verbatim in the file's text is copied
    /// from it on each read: keep the string rather than reading the property again.
    /// </summary>
    public string? Value => _value ?? (_text is null ? null : new string(ValueSpan));

    /// <summary>True for a bare <c>KEY</c> line (no value of its own).</summary>
    internal bool IsBare => _value is null && _text is null;

    /// <summary>The value's characters without copying them (empty for a bare <c>KEY</c>).</summary>
    internal ReadOnlySpan<char> ValueSpan
    {
        get
        {
            if (_text is null)
            {
                return _value;
            }

            // The value token: bare text, or the text between its quotes.
            int inset = Quote == EnvQuote.None ? 0 : 1;
            return _text.AsSpan(Span.ValueStart + inset, Span.ValueEnd - Span.ValueStart - (2 * inset));
        }
    }

    /// <summary>True when interpolation leaves the value as it is: single-quoted, or without a <c>$</c>.</summary>
    internal bool IsLiteral => !Interpolate || !_holdsDollar;

    /// <summary>How the value was quoted.</summary>
    public EnvQuote Quote { get; }

    /// <summary>True when the value is subject to <c>$VAR</c> interpolation (unquoted and double-quoted).</summary>
    public bool Interpolate => Quote != EnvQuote.Single;

    /// <summary>The 1-based line of the key.</summary>
    public int Line { get; }

    /// <summary>The 1-based column of the key.</summary>
    public int Column { get; }

    /// <summary>The 1-based line where the value token starts (its opening quote for a quoted value).</summary>
    public int ValueLine { get; }

    /// <summary>The 1-based column where the value token starts (its opening quote for a quoted value).</summary>
    public int ValueColumn { get; }

    /// <summary>True when the statement starts with <c>export </c>.</summary>
    public bool HasExport { get; }

    /// <summary>True when the line directly above is <see cref="EnvDocument.SecretAnnotation"/>.</summary>
    public bool IsSecretMarked => Span.AnnotationStart >= 0;

    /// <summary>
    /// The text to give <see cref="EnvInterpolator.Interpolate(string, System.Func{string, string?}, string?, int, int)"/>
    /// so that it yields this entry's final value: for a double-quoted value a <c>\$</c> escape stays a
    /// literal <c>$</c> (it is written <c>$$</c> here), for a single-quoted value every <c>$</c> is doubled.
    /// Use <see cref="EnvInterpolator.Interpolate(EnvEntry, System.Func{string, string?}, string?)"/> rather
    /// than passing <see cref="Value"/>, which would expand an escaped <c>\$</c>.
    /// </summary>
    public string? InterpolationSource => Quote switch
    {
        EnvQuote.Single => Value?.Replace("$", "$$", System.StringComparison.Ordinal),
        _ => _interpolationSource ?? Value,
    };

    /// <summary>Where the statement sits in the document's text.</summary>
    internal EnvSpan Span { get; }

    /// <inheritdoc/>
    public override string ToString() => Key;
}
