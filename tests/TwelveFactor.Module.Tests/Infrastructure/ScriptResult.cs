using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace TwelveFactor.Module.Tests.Infrastructure;

/// <summary>Everything one script run produced, stream by stream.</summary>
public sealed class ScriptResult
{
    public required IReadOnlyList<PSObject> Output { get; init; }
    public required IReadOnlyList<ErrorRecord> Errors { get; init; }
    public required IReadOnlyList<WarningRecord> Warnings { get; init; }
    public required IReadOnlyList<VerboseRecord> Verbose { get; init; }
    public required IReadOnlyList<ProgressRecord> Progress { get; init; }
    public required IReadOnlyList<InformationRecord> Information { get; init; }

    /// <summary>The terminating error that stopped the script, if one did.</summary>
    public RuntimeException? Terminating { get; init; }

    /// <summary>Output objects' base objects, for typed assertions.</summary>
    public IEnumerable<T> OutputOf<T>() => Output.Select(o => o.BaseObject).OfType<T>();

    /// <summary>Every error id seen: non-terminating errors and the terminating one.</summary>
    public IReadOnlyList<string> ErrorIds =>
        Errors.Select(e => e.FullyQualifiedErrorId)
            .Concat(Terminating?.ErrorRecord is { } r ? new[] { r.FullyQualifiedErrorId } : Array.Empty<string>())
            .ToList();

    /// <summary>All text any stream produced, to check that no secret leaked anywhere.</summary>
    public string AllText() => string.Join("\n",
        Output.Select(o => o.ToString())
            .Concat(Output.SelectMany(o => o.Properties.Select(p => SafeValue(p))))
            .Concat(Errors.SelectMany(DescribeError))
            .Concat(Warnings.Select(w => w.Message))
            .Concat(Verbose.Select(v => v.Message))
            .Concat(Progress.Select(p => p.Activity + " " + p.StatusDescription + " " + p.CurrentOperation))
            .Concat(Information.Select(i => i.MessageData?.ToString() ?? string.Empty))
            .Concat(Terminating is null ? Array.Empty<string>() : DescribeError(Terminating.ErrorRecord)));

    /// <summary>Fails with every error message when the script reported any error.</summary>
    public ScriptResult AssertNoErrors()
    {
        if (Errors.Count > 0 || Terminating is not null)
        {
            throw new Xunit.Sdk.XunitException("The script reported errors:\n" +
                string.Join("\n", Errors.SelectMany(DescribeError).Concat(Terminating is null ? Array.Empty<string>() : DescribeError(Terminating.ErrorRecord))));
        }

        return this;
    }

    private static IEnumerable<string> DescribeError(ErrorRecord record)
    {
        yield return record.FullyQualifiedErrorId;
        yield return record.ToString();
        yield return record.ErrorDetails?.Message ?? string.Empty;
        yield return record.ErrorDetails?.RecommendedAction ?? string.Empty;
        yield return record.TargetObject?.ToString() ?? string.Empty;
        for (Exception? e = record.Exception; e is not null; e = e.InnerException)
        {
            yield return e.Message;
            yield return e.ToString();
        }
    }

    private static string SafeValue(PSPropertyInfo property)
    {
        try
        {
            return property.Value?.ToString() ?? string.Empty;
        }
        catch (Exception ex) when (ex is GetValueException or GetValueInvocationException)
        {
            return string.Empty;
        }
    }
}
