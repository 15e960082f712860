using System;

namespace TwelveFactor.Core.Processes;

/// <summary>
/// Neutralises CI workflow commands in a task's output the way the Azure Pipelines agent does for its own
/// children: <c>##vso</c> becomes <c>**vso</c> and <c>##[</c> (the agent's formatting commands such as
/// <c>##[error]</c>) becomes <c>**[</c>, matched without regard to case; and a GitHub Actions workflow command (a
/// line whose first non-blank characters are <c>::</c>, as in <c>::stop-commands::</c> or <c>::add-mask::</c>) starts
/// with <c>**</c> instead, in the same spirit. (An invisible character between the colons would not do: a
/// culture-aware comparison ignores it.)
/// </summary>
internal static class LoggingCommandFilter
{
    private const string Marker = "##vso";
    private const string FormattingMarker = "##[";

    public static string Neutralise(string line)
    {
        line = NeutraliseGitHubCommand(line);
        int index = line.IndexOf(Marker, StringComparison.OrdinalIgnoreCase);
        int formatting = line.IndexOf(FormattingMarker, StringComparison.Ordinal);
        if (index < 0 && formatting < 0)
        {
            return line;
        }

        char[] chars = line.ToCharArray();
        while (index >= 0)
        {
            chars[index] = '*';
            chars[index + 1] = '*';
            index = line.IndexOf(Marker, index + Marker.Length, StringComparison.OrdinalIgnoreCase);
        }

        while (formatting >= 0)
        {
            chars[formatting] = '*';
            chars[formatting + 1] = '*';
            formatting = line.IndexOf(FormattingMarker, formatting + FormattingMarker.Length, StringComparison.Ordinal);
        }

        return new string(chars);
    }

    private static string NeutraliseGitHubCommand(string line)
    {
        int first = 0;
        while (first < line.Length && char.IsWhiteSpace(line[first]))
        {
            first++;
        }

        return string.CompareOrdinal(line, first, "::", 0, 2) == 0
            ? string.Concat(line.AsSpan(0, first), "**", line.AsSpan(first + 2))
            : line;
    }
}
