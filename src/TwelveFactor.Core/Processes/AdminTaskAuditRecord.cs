using System;
using System.Collections.Generic;
using System.Linq;
using TwelveFactor.Core.Config;

namespace TwelveFactor.Core.Processes;

/// <summary>
/// One admin task run, as the audit trail keeps it: who ran what, where, when, and how it ended. It holds
/// no environment values, only the names of the variables overridden for the run, and its arguments are
/// stored with secrets masked (see <see cref="Create"/>).
/// </summary>
public sealed class AdminTaskAuditRecord
{
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>The user who ran the task.</summary>
    public required string User { get; init; }

    /// <summary>The machine it ran on.</summary>
    public string? Host { get; init; }

    public string? ReleaseId { get; init; }

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
    /// that contains the value of a secret config entry (by <see cref="SecretClassifier"/>'s rules), a URL
    /// password, the value of a secret-named option (<c>--password=x</c>, <c>--token x</c>), each becomes the mask.
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
            Command = UrlMasker.MaskPassword(command),
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
        foreach (string argument in arguments)
        {
            string value = argument;
            if (previousWasSecretOption || secrets.Any(s => value.Contains(s, StringComparison.Ordinal)))
            {
                value = SecretClassifier.Mask;
            }
            else if (SplitOption(value) is { } option && SecretClassifier.IsSecretName(option.Name))
            {
                value = option.Value is null ? value : option.Prefix + SecretClassifier.Mask;
            }
            else
            {
                value = UrlMasker.MaskPassword(value);
            }

            // "--password secret": the value is the next argument.
            previousWasSecretOption = SplitOption(argument) is { Value: null } bare && SecretClassifier.IsSecretName(bare.Name);
            masked.Add(value);
        }

        return masked;
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
