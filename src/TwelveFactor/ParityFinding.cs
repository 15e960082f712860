using TwelveFactor.Core.BackingServices;

namespace TwelveFactor;

/// <summary>One dev/prod parity finding. Never holds a secret value.</summary>
public sealed class ParityFinding
{
    internal ParityFinding(string check, string severity, string[] environments, string? key, string message, string? source)
    {
        Check = check;
        Severity = severity;
        Environments = environments;
        Key = key;
        Message = message;
        Source = source;
    }

    /// <summary>MissingKey, BackingServiceKind, LocalhostInNonLocal, ImageVersion, SecretReuse, ValueType, ReleaseDrift, InvalidLocator.</summary>
    public string Check { get; }

    /// <summary>Error, Warning or Information.</summary>
    public string Severity { get; }

    public string[] Environments { get; }

    public string? Key { get; }

    public string Message { get; }

    /// <summary>file:line to look at, when known.</summary>
    public string? Source { get; }

    public override string ToString() => $"{Severity} {Check} [{string.Join(", ", Environments)}] {Key}: {Message}";
}
