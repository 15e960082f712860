using TwelveFactor.Core.BackingServices;

namespace TwelveFactor.Core.Parity;

/// <summary>The checks <see cref="ParityChecker"/> runs; each finding names the one that raised it.</summary>
public enum ParityCheck
{
    /// <summary>A key set in one environment and missing in another, unless documented as environment-specific.</summary>
    MissingKey,

    /// <summary>A value that looks like a backing-service locator but does not parse.</summary>
    InvalidLocator,

    /// <summary>The same key locates a different kind of backing service (sqlite in one, postgres in another).</summary>
    BackingServiceKind,

    /// <summary>A locator points at this machine (localhost, 127.0.0.1, ::1) in an environment that is not local.</summary>
    LocalhostInNonLocal,

    /// <summary>A compose service runs a different image name, tag or digest in another environment.</summary>
    ImageVersion,

    /// <summary>The same secret value is used in two environments (compared as salted hashes, never as text).</summary>
    SecretReuse,

    /// <summary>A value is a number in one environment and text in another, or a boolean spelled differently.</summary>
    ValueType,

    /// <summary>The release in each environment, its age, and the time between environments' releases.</summary>
    ReleaseDrift,
}
