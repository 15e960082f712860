using System;
using System.Globalization;

namespace TwelveFactor.Core.Config;

/// <summary>One problem the linter found. The message names keys, never values.</summary>
public sealed class LintFinding
{
    /// <summary>Creates a finding.</summary>
    public LintFinding(string rule, FindingSeverity severity, string? file, int line, int column, string? key, string message)
    {
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(message);
        Rule = rule;
        Severity = severity;
        File = file;
        Line = line;
        Column = column;
        Key = key;
        Message = message;
    }

    /// <summary>The rule's stable PascalCase name (see <see cref="EnvLinter"/>).</summary>
    public string Rule { get; }

    /// <summary>How much it matters.</summary>
    public FindingSeverity Severity { get; }

    /// <summary>The file, when known.</summary>
    public string? File { get; }

    /// <summary>1-based line.</summary>
    public int Line { get; }

    /// <summary>1-based column.</summary>
    public int Column { get; }

    /// <summary>The key concerned, or null for a finding about a line or the file.</summary>
    public string? Key { get; }

    /// <summary>What is wrong; names keys and tools, never a value.</summary>
    public string Message { get; }

    /// <inheritdoc/>
    public override string ToString() => string.Format(
        CultureInfo.InvariantCulture, "{0}:{1}:{2}: {3} {4}: {5}", File ?? "<text>", Line, Column, Severity, Rule, Message);
}
