using System;
using System.Collections;

namespace TwelveFactor;

/// <summary>Core's log events as the module's output type.</summary>
internal static class LogEvents
{
    public static LogEvent From(Core.Processes.LogEvent e)
    {
        var fields = new Hashtable(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in e.Fields)
        {
            fields[key] = value;
        }

        return new LogEvent(e.Time, e.Process, (LogStream)(int)e.Stream, e.Line, e.Level, fields);
    }
}
