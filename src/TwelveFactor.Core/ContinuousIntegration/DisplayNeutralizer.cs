using System;
using System.Globalization;
using System.Text;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Core.ContinuousIntegration;

/// <summary>
/// Makes a string safe to display in a terminal or a CI log, whoever wrote it (a config value, a build file
/// name, a release description). Control characters are shown escaped (<c>\n</c>, <c>\e</c>, <c>\x07</c>), so a
/// value can neither move the cursor, retitle the window or recolour the screen, nor start a new log line. In
/// Azure Pipelines (<c>TF_BUILD</c>) <c>##vso</c> and <c>##[</c> anywhere become <c>**vso</c> and <c>**[</c>, as the
/// agent itself neutralises its children's output; in GitHub Actions (<c>GITHUB_ACTIONS</c>) a leading <c>::</c>
/// (after blanks, which the runner trims) is broken so the line is not a workflow command.
/// </summary>
public static class DisplayNeutralizer
{
    /// <summary>The CI systems whose command syntax is neutralised.</summary>
    [Flags]
    public enum CiSystems
    {
        None = 0,
        AzurePipelines = 1,
        GitHubActions = 2,
    }

    /// <summary>The CI systems this process runs in, from their own environment variables.</summary>
    public static CiSystems Current =>
        (ModuleSettings.InAzurePipelines ? CiSystems.AzurePipelines : CiSystems.None)
        | (ModuleSettings.InGitHubActions ? CiSystems.GitHubActions : CiSystems.None);

    /// <summary>The text as it may be displayed in the CI systems this process runs in.</summary>
    public static string Neutralize(string? text) => Neutralize(text, Current);

    /// <summary>The text as it may be displayed in <paramref name="systems"/>.</summary>
    public static string Neutralize(string? text, CiSystems systems)
    {
        if (string.IsNullOrEmpty(text))
        {
            return text ?? string.Empty;
        }

        string escaped = NeedsEscaping(text) ? EscapeControls(text) : text;

        // A view escapes the colon as it escapes control characters, so what a reader sees still decodes to the value.
        return BreakCommands(escaped, systems, gitHubBreak: "\\x3a:");
    }

    /// <summary>
    /// Breaks the command syntax of <paramref name="systems"/> in one line and keeps every other character: for
    /// Azure Pipelines, <c>##vso</c> (in any case) and <c>##[</c> anywhere become <c>**vso</c> and <c>**[</c>, as the
    /// agent does to its own children's output; for GitHub Actions, a leading <c>::</c> (after the blanks the runner
    /// trims) becomes <paramref name="gitHubBreak"/>. The one place the module defuses CI commands, for its views
    /// and for a task's output alike.
    /// </summary>
    internal static string BreakCommands(string line, CiSystems systems, string gitHubBreak)
    {
        if ((systems & CiSystems.AzurePipelines) != 0 && line.Contains("##", StringComparison.Ordinal))
        {
            char[] chars = line.ToCharArray();
            BreakMarker(line, chars, "##vso", StringComparison.OrdinalIgnoreCase);
            BreakMarker(line, chars, "##[", StringComparison.Ordinal);
            line = new string(chars);
        }

        if ((systems & CiSystems.GitHubActions) != 0)
        {
            int first = 0;
            while (first < line.Length && char.IsWhiteSpace(line[first]))
            {
                first++;
            }

            if (string.CompareOrdinal(line, first, "::", 0, 2) == 0)
            {
                line = string.Concat(line.AsSpan(0, first), gitHubBreak, line.AsSpan(first + 2));
            }
        }

        return line;
    }

    // Overwrites the two '#' of each occurrence in place, so the case of the marker's letters is kept.
    private static void BreakMarker(string line, char[] chars, string marker, StringComparison comparison)
    {
        for (int index = line.IndexOf(marker, comparison); index >= 0; index = line.IndexOf(marker, index + marker.Length, comparison))
        {
            chars[index] = '*';
            chars[index + 1] = '*';
        }
    }

    private static bool NeedsEscaping(string text)
    {
        foreach (char c in text)
        {
            if (IsControl(c))
            {
                return true;
            }
        }

        return false;
    }

    // C0 controls, DEL and the C1 range (0x9B is a one-byte CSI to many terminals), plus the Unicode line and
    // paragraph separators and bidirectional overrides, which reorder what a reader sees.
    private static bool IsControl(char c) =>
        c < ' ' || (c >= '\x7f' && c <= '\x9f') || c is '\u2028' or '\u2029' || (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');

    private static string EscapeControls(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        foreach (char c in text)
        {
            if (!IsControl(c))
            {
                builder.Append(c);
                continue;
            }

            builder.Append(c switch
            {
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\x1b' => "\\e",
                _ when c <= '\xff' => "\\x" + ((int)c).ToString("x2", CultureInfo.InvariantCulture),
                _ => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
            });
        }

        return builder.ToString();
    }
}
