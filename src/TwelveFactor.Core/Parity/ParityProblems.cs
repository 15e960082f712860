using System;
using TwelveFactor.Core.Foundation;

namespace TwelveFactor.Core.Parity;

/// <summary>The problem id an Error-severity finding of each check is reported under: <c>ParityFinding&lt;Check&gt;</c>.</summary>
public static class ParityProblems
{
    /// <summary>The id for <paramref name="check"/>; every check has one (a test keeps the two lists in step).</summary>
    public static ProblemId IdOf(ParityCheck check) =>
        Enum.TryParse("ParityFinding" + check, out ProblemId id) ? id : ProblemId.ParityBroken;
}
