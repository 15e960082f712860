using System;
using System.Collections.Generic;
using System.Linq;
using TwelveFactor.Core.Config;

using TwelveFactor.Core.Foundation.Secrets;
namespace TwelveFactor.Core.AdminProcesses;

/// <summary>
/// One admin task run, as the audit trail keeps it: who ran what, where, when, and how it ended. It holds
/// no environment values, only the names of the variables overridden for the run, and its arguments are
/// stored with secrets masked (see <see cref="Create"/>).
/// </summary>
public sealed record AdminTaskAuditRecord
{
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>The user who ran the task.</summary>
    public required string User { get; init; }

    /// <summary>The machine it ran on.</summary>
    public string? Host { get; init; }

    public string? ReleaseId { get; init; }

    /// <summary>The app whose release or folder the task ran with: a shared store holds many apps, each with its own v3.</summary>
    public string? App { get; init; }

    /// <summary>The release store the task used (its display location, never a credential).</summary>
    public string? Store { get; init; }

    public string? Environment { get; init; }

    /// <summary>The command as given (not the resolved path).</summary>
    public required string Command { get; init; }

    public IReadOnlyList<string> Arguments { get; init; } = Array.Empty<string>();

    /// <summary>Names of the variables overridden for this run only.</summary>
    public IReadOnlyList<string> OverriddenKeys { get; init; } = Array.Empty<string>();

    /// <summary>The image a container task ran in; null for a process.</summary>
    public string? Image { get; init; }

    public int ExitCode { get; init; }

    public TimeSpan Duration { get; init; }

    public bool TimedOut { get; init; }

    public bool Cancelled { get; init; }

    /// <summary>
    /// The record for a finished run, by the current user on this machine. Arguments are masked: an argument
    /// that contains the value of a secret config entry (by <see cref="SecretClassifier"/>'s rules), the value
    /// of a secret-named option (<c>--password=x</c>, <c>--token x</c>), a password glued to <c>-p</c> (mysql's
    /// <c>-pS3cret</c>), the password of <c>-u user:pass</c>, a secret-named variable (<c>PGPASSWORD=x</c>), a
    /// credential header (<c>Authorization: Bearer x</c>), and the credential parts of any value (a URL password,
    /// <c>?token=</c>, <c>&amp;sig=</c>, <c>Password=</c>), each becomes the mask.
    /// </summary>
    public static AdminTaskAuditRecord Create(
        string command,
        IEnumerable<string> arguments,
        AdminTaskOutcome outcome,
        string? releaseId,
        string? environment,
        IReadOnlyDictionary<string, string>? config = null,
        IEnumerable<string>? overriddenKeys = null,
        string? image = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(outcome);
        return new AdminTaskAuditRecord
        {
            StartedAt = outcome.StartedAt,
            User = System.Environment.UserName,
            Host = System.Environment.MachineName,
            ReleaseId = releaseId,
            Environment = environment,
            Command = SecretValueMasker.Mask(command),
            Arguments = MaskArguments(arguments.ToList(), config),
            OverriddenKeys = overriddenKeys?.ToList() ?? new List<string>(),
            Image = image,
            ExitCode = outcome.ExitCode,
            Duration = outcome.Duration,
            TimedOut = outcome.TimedOut,
            Cancelled = outcome.Cancelled,
        };
    }

    private static List<string> MaskArguments(List<string> arguments, IReadOnlyDictionary<string, string>? config)
    {
        // Secret values shorter than this are not searched for: "1" or "on" would mask half the arguments.
        const int shortestSearched = 4;
        string[] secrets = (config ?? new Dictionary<string, string>())
            .Where(e => e.Value.Length >= shortestSearched && SecretClassifier.IsSecret(e.Key, e.Value, markedSecret: false))
            .Select(e => e.Value)
            .ToArray();

        var masked = new List<string>(arguments.Count);
        bool previousWasSecretOption = false;
        bool previousWasUserOption = false;
        foreach (string argument in arguments)
        {
            string value;
            if (previousWasSecretOption || secrets.Any(s => argument.Contains(s, StringComparison.Ordinal)))
            {
                value = SecretClassifier.Mask;
            }
            else if (previousWasUserOption)
            {
                value = MaskAfterColon(argument);
            }
            else
            {
                value = MaskOne(argument);
            }

            // "--password secret" or "-u admin:pass": the value is the next argument.
            var bare = SplitOption(argument) is { Value: null } option ? option.Name : null;
            previousWasSecretOption = bare is not null && SecretClassifier.IsSecretName(bare);
            previousWasUserOption = bare is not null && UserOptions.Contains(bare);
            masked.Add(value);
        }

        return masked;
    }

    // Options whose value is "user:password" (curl -u, --user, --proxy-user).
    private static readonly HashSet<string> UserOptions = new(StringComparer.Ordinal) { "u", "user", "proxy_user", "U" };

    private static string MaskOne(string argument)
    {
        // mysql's "-pS3cret": the password glued to -p. A number stays (psql's and ssh's "-p5432" is a port).
        if (argument.Length > 2 && argument.StartsWith("-p", StringComparison.Ordinal) && argument[2] != '-' && !argument.AsSpan(2).ContainsAnyExcept("0123456789"))
        {
            return argument;
        }

        if (argument.Length > 2 && argument.StartsWith("-p", StringComparison.Ordinal) && argument[2] != '-' && argument[2] != '=')
        {
            return "-p" + SecretClassifier.Mask;
        }

        // curl's "-uadmin:pass".
        if (argument.Length > 2 && argument.StartsWith("-u", StringComparison.Ordinal) && argument[2] != '-' && argument.Contains(':', StringComparison.Ordinal))
        {
            return "-u" + MaskAfterColon(argument[2..]);
        }

        if (SplitOption(argument) is { Value: { } optionValue } option)
        {
            if (SecretClassifier.IsSecretName(option.Name))
            {
                return option.Prefix + SecretClassifier.Mask;
            }

            if (UserOptions.Contains(option.Name))
            {
                return option.Prefix + MaskAfterColon(optionValue);
            }

            return option.Prefix + MaskHeaderOrValue(optionValue);
        }

        // "PGPASSWORD=x" handed to env(1) or a shell.
        int equals = argument.IndexOf('=', StringComparison.Ordinal);
        if (equals > 0 && IsVariableName(argument.AsSpan(0, equals)) && SecretClassifier.IsSecretName(argument[..equals]))
        {
            return argument[..(equals + 1)] + SecretClassifier.Mask;
        }

        return MaskHeaderOrValue(argument);
    }

    // "Authorization: Bearer x", "X-Api-Key: x", "Cookie: x": the header's name stays, and an auth scheme word.
    private static string MaskHeaderOrValue(string text)
    {
        int colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && !text.Contains("://", StringComparison.Ordinal) && IsHeaderName(text.AsSpan(0, colon))
            && SecretValueMasker.IsSecretParameterName(text[..colon]))
        {
            string rest = text[(colon + 1)..].TrimStart();
            int space = rest.IndexOf(' ', StringComparison.Ordinal);
            string scheme = space > 0 && IsHeaderName(rest.AsSpan(0, space)) ? rest[..(space + 1)] : string.Empty;
            return text[..(colon + 1)] + " " + scheme + SecretClassifier.Mask;
        }

        return SecretValueMasker.Mask(text);
    }

    private static string MaskAfterColon(string value)
    {
        int colon = value.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? value : value[..(colon + 1)] + SecretClassifier.Mask;
    }

    private static bool IsVariableName(ReadOnlySpan<char> name)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0]))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '_')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsHeaderName(ReadOnlySpan<char> name)
    {
        foreach (char c in name)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
            {
                return false;
            }
        }

        return name.Length > 0;
    }

    // "--name=value", "-name=value", "/name:value" or a bare "--name".
    private static (string Name, string Prefix, string? Value)? SplitOption(string argument)
    {
        string trimmed = argument.TrimStart('-', '/');
        if (trimmed.Length == argument.Length || trimmed.Length == 0)
        {
            return null;
        }

        int separator = trimmed.IndexOfAny(new[] { '=', ':' });
        if (separator < 0)
        {
            return (trimmed.Replace('-', '_'), argument, null);
        }

        string prefix = argument[..(argument.Length - trimmed.Length + separator + 1)];
        return (trimmed[..separator].Replace('-', '_'), prefix, trimmed[(separator + 1)..]);
    }
}
