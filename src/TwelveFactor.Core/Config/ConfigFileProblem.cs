namespace TwelveFactor.Core.Config;

/// <summary>The kinds of trouble a config file can be in; each maps to one stable error id.</summary>
public enum ConfigFileProblem
{
    NotFound,
    Unreadable,
    Syntax,
    Interpolation,
    Locked,
}
