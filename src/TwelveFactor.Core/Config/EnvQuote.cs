namespace TwelveFactor.Core.Config;

/// <summary>How an env file value was written.</summary>
public enum EnvQuote
{
    /// <summary>Unquoted (or a bare <c>KEY</c> line without a value).</summary>
    None,

    /// <summary>In single quotes: literal, only <c>\'</c> is an escape, never interpolated.</summary>
    Single,

    /// <summary>In double quotes: escapes processed, then interpolated.</summary>
    Double,
}
