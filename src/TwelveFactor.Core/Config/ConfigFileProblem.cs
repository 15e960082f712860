namespace TwelveFactor.Core.Config;

/// <summary>The kinds of trouble a config file can be in; each maps to one stable error id.</summary>
public enum ConfigFileProblem
{
    NotFound,
    Unreadable,
    Syntax,
    Interpolation,
    Locked,

    /// <summary>The file is read-only and -Force was not given.</summary>
    ReadOnly,

    /// <summary>The file belongs to another user or group, and rewriting it would have changed its owner.</summary>
    OwnerNotKept,
}
