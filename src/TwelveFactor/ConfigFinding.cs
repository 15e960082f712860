namespace TwelveFactor;

/// <summary>One finding of Test-TfConfig: a rule, how bad, where, and what to do. Never holds a value.</summary>
public sealed class ConfigFinding
{
    internal ConfigFinding(string rule, string severity, string? key, string source, string message)
    {
        Rule = rule;
        Severity = severity;
        Key = key;
        Source = source;
        Message = message;
    }

    public string Rule { get; }

    /// <summary>Error, Warning or Information.</summary>
    public string Severity { get; }

    public string? Key { get; }

    /// <summary><c>file:line</c>, or <c>file:line:column</c> when the column is known.</summary>
    public string Source { get; }

    public string Message { get; }

    public override string ToString() => $"{Severity} {Rule} {Source}: {Message}";
}
