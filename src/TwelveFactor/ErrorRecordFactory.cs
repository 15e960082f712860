using System;
using System.Globalization;
using System.Management.Automation;
using TwelveFactor.Core.ContinuousIntegration;
using TwelveFactor.Core.Foundation;
using TwelveFactor.Resources;

namespace TwelveFactor;

/// <summary>
/// The one place a problem becomes an ErrorRecord: the id is the <see cref="ProblemId"/>'s name (the one list of
/// error ids), the category its declared <see cref="ProblemKind"/>, the target the object it concerns, and the
/// recommended action the resource <c>&lt;Id&gt;Action</c> when there is one. Messages quote names others wrote
/// (build files, store entries, env files), so the text shown is neutralised like every view.
/// </summary>
internal static class ErrorRecordFactory
{
    /// <summary>The record for a problem Core reported.</summary>
    public static ErrorRecord From(TwelveFactorException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return Create(exception.Problem, exception, exception.Target);
    }

    /// <summary>The record for <paramref name="problem"/>, carrying <paramref name="exception"/> and <paramref name="target"/>.</summary>
    public static ErrorRecord Create(ProblemId problem, Exception exception, object? target)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var record = new ErrorRecord(exception, problem.ToString(), CategoryOf(problem), target);
        string? action = Strings.ResourceManager.GetString(problem + "Action", CultureInfo.CurrentUICulture);
        string shown = DisplayNeutralizer.Neutralize(exception.Message);
        if (action is not null || !string.Equals(shown, exception.Message, StringComparison.Ordinal))
        {
            record.ErrorDetails = new ErrorDetails(shown) { RecommendedAction = action };
        }

        return record;
    }

    /// <summary>PowerShell's category for a problem: its kind's name is an ErrorCategory name (a test keeps them so).</summary>
    public static ErrorCategory CategoryOf(ProblemId problem) =>
        Enum.TryParse(ProblemCatalog.KindOf(problem).ToString(), out ErrorCategory category) ? category : ErrorCategory.NotSpecified;
}
