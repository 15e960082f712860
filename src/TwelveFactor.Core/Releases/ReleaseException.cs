using System;

namespace TwelveFactor.Core.Releases;

/// <summary>
/// A release operation failed for a reason the user can act on. The message never contains a secret value;
/// <see cref="Kind"/> is the stable error id and <see cref="Target"/> the object it concerns.
/// </summary>
public sealed class ReleaseException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ReleaseException(ReleaseErrorKind kind, string message, string? target, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
        Target = target;
    }

    /// <summary>Why the operation failed.</summary>
    public ReleaseErrorKind Kind { get; }

    /// <summary>The release id, path or name the failure concerns, when there is one.</summary>
    public string? Target { get; }
}
