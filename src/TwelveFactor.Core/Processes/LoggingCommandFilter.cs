using System;

namespace TwelveFactor.Core.Processes;

/// <summary>
/// Neutralises Azure Pipelines logging commands in a task's output the way the agent does for its own
/// children: <c>##vso</c> becomes <c>**vso</c>. Matched without regard to case (a superset of what the agent
/// parses), keeping the case of the rest of the line.
/// </summary>
internal static class LoggingCommandFilter
{
    private const string Marker = "##vso";

    public static string Neutralise(string line)
    {
        int index = line.IndexOf(Marker, StringComparison.OrdinalIgnoreCase);
        if (index < 0)
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

        return new string(chars);
    }
}
