using System;
using System.Collections;
using System.Globalization;
using System.IO;
using System.Linq;
using TwelveFactor.Core.ContinuousIntegration;

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

    /// <summary>A byte count as a CI log reads it: 512 B, 3.4 KiB, 12.0 MiB, 1.1 GiB.</summary>
    public static string Size(long bytes)
    {
        string[] units = { "B", "KiB", "MiB", "GiB", "TiB" };
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0 ? bytes.ToString(CultureInfo.CurrentCulture) + " B" : value.ToString("0.0", CultureInfo.CurrentCulture) + " " + units[unit];
    }

    /// <summary>
    /// A duration as a ten-wide column shows it: <c>00:01:02.3</c> under a day, <c>1.02:03:04</c> from a day on
    /// (a format of hours alone would show a 25-hour task as one hour).
    /// </summary>
    public static string Duration(TimeSpan duration) => duration.Ticks >= TimeSpan.TicksPerDay
        ? duration.ToString(@"d\.hh\:mm\:ss", CultureInfo.InvariantCulture)
        : duration.ToString(@"hh\:mm\:ss\.f", CultureInfo.InvariantCulture);

    /// <summary>
    /// A source as a narrow column shows it: <c>file:line</c> of a full path becomes the file's name and line
    /// (<c>.env.production:3</c>); <c>$env:NAME</c> stays. The object's Source keeps the full path.
    /// </summary>
    public static string Source(string? source)
    {
        if (string.IsNullOrEmpty(source) || source.StartsWith('$'))
        {
            return Safe(source);
        }

        return Safe(Path.GetFileName(source));
    }

    /// <summary>The file's name of a <c>path:line[:column]</c> source (the group a finding is shown under).</summary>
    public static string SourceFile(string? source) => Source(source is null ? null : source[..PositionStart(source)]);

    /// <summary>The <c>line[:column]</c> of a <c>path:line[:column]</c> source; empty when it names none.</summary>
    public static string SourcePosition(string? source)
    {
        int start = source is null ? 0 : PositionStart(source);
        return source is null || start == source.Length ? string.Empty : source[(start + 1)..];
    }

    // Where a trailing ":line" or ":line:column" begins (read from the end: a Windows path has a ':' of its own).
    private static int PositionStart(string source)
    {
        int end = source.Length;
        for (int part = 0; part < 2 && end > 0; part++)
        {
            int colon = source.LastIndexOf(':', end - 1);
            if (colon < 0 || colon == end - 1 || source.AsSpan(colon + 1, end - colon - 1).ContainsAnyExceptInRange('0', '9'))
            {
                break;
            }

            end = colon;
        }

        return end;
    }

    // foreman's colours: one per process type, the formation's own lines apart.
    private static readonly string[] ProcessColours = { "\u001b[36m", "\u001b[33m", "\u001b[32m", "\u001b[35m", "\u001b[34m", "\u001b[91m" };

    /// <summary>
    /// A log event as foreman prints it: time, the process padded and coloured by its type, a bar, the line (shown
    /// neutralised). PowerShell drops the colour where output is plain text (redirected, or OutputRendering).
    /// </summary>
    public static string LogLine(LogEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        string type = e.Process.Split('.')[0];
        int hash = 0;
        foreach (char c in type)
        {
            hash = unchecked((hash * 31) + c);
        }

        string colour = e.Stream == LogStream.System ? "\u001b[1m" : ProcessColours[(hash & 0x7fffffff) % ProcessColours.Length];
        return e.Time.ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + " " + colour + Safe(e.Process).PadRight(10) + " |\u001b[0m " + Safe(e.Line);
    }
}
