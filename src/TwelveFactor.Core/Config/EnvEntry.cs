namespace TwelveFactor.Core.Config;

/// <summary>
/// One <c>KEY=value</c> statement of an env file, as written: the value after quote and escape processing but
/// before interpolation. Offsets into the document's text are kept internally so that
/// <see cref="EnvDocument"/> can edit the file without touching any other byte.
/// </summary>
public sealed class EnvEntry
{
    private readonly string? _interpolationSource;

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
    {
        Key = key;
        Value = value;
        _interpolationSource = interpolationSource;
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
    /// which takes its value from the process environment.
    /// </summary>
    public string? Value { get; }

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
