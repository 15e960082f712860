using System;
using System.Collections.Generic;

namespace TwelveFactor.Core.Processes;

/// <summary>
/// One line of a formation's logs, as an event (factor XI): when, which process, which stream, the line, and when the
/// line is JSON or logfmt, its level and fields.
/// </summary>
/// <param name="Time">When the line arrived.</param>
/// <param name="Process">The instance (<c>web.1</c>), or <c>system</c> for the formation's own lines.</param>
/// <param name="Stream">stdout, stderr or system.</param>
/// <param name="Line">The line as written (neutralised inside a CI system).</param>
/// <param name="Level">The level the line states (<c>info</c>, <c>error</c>, ...), when it is structured and says one.</param>
/// <param name="Fields">The structured line's fields, when it is JSON or logfmt; else empty.</param>
public sealed record LogEvent(DateTimeOffset Time, string Process, LogStream Stream, string Line, string? Level, IReadOnlyDictionary<string, string> Fields);
