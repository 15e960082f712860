using System;
using System.Globalization;
using System.Text.RegularExpressions;
using TwelveFactor.Core.Resources;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Core.Releases;

/// <summary>
/// What app names and release ids may look like. Both become file and blob names in a store, so they are
/// checked before any path is built from them.
/// </summary>
public static partial class ReleaseNames
{
    /// <summary>True for an app name: letters, digits, '.', '_' and '-', not starting with '.', at most 100 characters.</summary>
    public static bool IsValidApp(string? app) => app is not null && AppPattern().IsMatch(app);

    /// <summary>True for a release id: <c>v1</c>, <c>v2</c>, ...</summary>
    public static bool IsValidId(string? id) => id is not null && IdPattern().IsMatch(id);

    /// <summary>The number of a release id (<c>v12</c> is 12).</summary>
    public static int Number(string id)
    {
        ThrowIfInvalidId(id);
        return int.Parse(id.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture);
    }

    /// <summary>The id of release number <paramref name="number"/>.</summary>
    public static string FormatId(int number) => "v" + number.ToString(CultureInfo.InvariantCulture);

    internal static void ThrowIfInvalidApp(string app)
    {
        if (!IsValidApp(app))
        {
            throw new ReleaseException(ProblemId.InvalidName, string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.InvalidAppName, app), app);
        }
    }

    internal static void ThrowIfInvalidId(string id)
    {
        if (!IsValidId(id))
        {
            throw new ReleaseException(ProblemId.InvalidName, string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.InvalidReleaseId, id), id);
        }
    }

    [GeneratedRegex("^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}$", RegexOptions.CultureInvariant)]
    private static partial Regex AppPattern();

    [GeneratedRegex("^v[1-9][0-9]{0,8}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();
}
