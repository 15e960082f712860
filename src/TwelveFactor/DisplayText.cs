using System.Collections;
using System.Linq;
using TwelveFactor.Core.Pipelines;

namespace TwelveFactor;

/// <summary>
/// What the module's default views show of a string: control characters escaped, and Azure Pipelines or GitHub
/// Actions command syntax broken when the session runs in one, so a config value, file name or description can
/// neither drive the terminal nor command the CI system. The objects keep their real values; only the views use this.
/// </summary>
public static class DisplayText
{
    /// <summary>The text safe to display; an empty string for null.</summary>
    public static string Safe(object? value) => value switch
    {
        null => string.Empty,
        string text => DisplayNeutralizer.Neutralize(text),
        IEnumerable items and not string => DisplayNeutralizer.Neutralize(string.Join(", ", items.Cast<object?>().Select(i => i?.ToString()))),
        _ => DisplayNeutralizer.Neutralize(value.ToString()),
    };
}
