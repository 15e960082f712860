using System;

namespace TwelveFactor.Core.Foundation;

/// <summary>
/// The base of every problem Core reports to its caller: a stable <see cref="ProblemId"/> (which says the kind), the
/// object it concerns, and a message that names files, keys and ids but never a config value. The cmdlet layer turns
/// any of them into an ErrorRecord in one place. Subclasses add what their callers read (a file's line, a column).
/// </summary>
public abstract class TwelveFactorException : Exception
{
    /// <summary>Creates the exception.</summary>
    protected TwelveFactorException(ProblemId problem, string? target, string message, Exception? innerException)
        : base(message, innerException)
    {
        Problem = problem;
        Target = target;
    }

    /// <summary>Which problem: the stable error id.</summary>
    public ProblemId Problem { get; }

    /// <summary>The kind the problem is reported as.</summary>
    public ProblemKind Kind => ProblemCatalog.KindOf(Problem);

    /// <summary>The file, release id, name or endpoint the problem concerns, when there is one.</summary>
    public string? Target { get; }
}
