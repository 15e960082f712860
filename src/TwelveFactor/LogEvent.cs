using System;
using System.Collections;

namespace TwelveFactor;

/// <summary>
/// One line of a formation's logs as an event (factor XI). When the line is JSON or logfmt, <see cref="Level"/> and
/// <see cref="Fields"/> hold its structure, so <c>Where-Object Level -eq error</c> works on any app's logs.
/// </summary>
public sealed class LogEvent
{
    internal LogEvent(DateTimeOffset time, string process, LogStream stream, string line, string? level, Hashtable fields)
    {
        Time = time;
        Process = process;
        Stream = stream;
        Line = line;
        Level = level;
        Fields = fields;
    }

    /// <summary>When the line arrived.</summary>
    public DateTimeOffset Time { get; }

    /// <summary>The process (web.1), or system for the formation's own lines.</summary>
    public string Process { get; }

    /// <summary>Stdout, Stderr or System.</summary>
    public LogStream Stream { get; }

    /// <summary>The line as the process wrote it.</summary>
    public string Line { get; }

    /// <summary>The level a structured line states (info, warn, error, ...), lower-cased; else null.</summary>
    public string? Level { get; }

    /// <summary>A structured line's fields (case-insensitive keys); empty for plain text.</summary>
    public Hashtable Fields { get; }

    /// <summary>The line, as foreman prints it: the process, then the text.</summary>
    public override string ToString() => Process + " | " + Line;
}
