namespace TwelveFactor.Core.Config;

/// <summary>How much a lint finding matters.</summary>
public enum FindingSeverity
{
    /// <summary>Style: the file reads the same, but could be tidier.</summary>
    Information,

    /// <summary>Likely a mistake, or read differently by another tool.</summary>
    Warning,

    /// <summary>The file fails when it is used.</summary>
    Error,
}
