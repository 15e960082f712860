using System;
using TwelveFactor.Core.Foundation;

namespace TwelveFactor.Core.Releases;

/// <summary>
/// A release operation failed for a reason the user can act on. The message never contains a secret value;
/// <see cref="TwelveFactorException.Problem"/> is the stable error id and <see cref="TwelveFactorException.Target"/>
/// the release id, path or name it concerns.
/// </summary>
public sealed class ReleaseException : TwelveFactorException
{
    /// <summary>Creates the exception.</summary>
    public ReleaseException(ProblemId problem, string message, string? target, Exception? innerException = null)
        : base(problem, target, message, innerException)
    {
    }
}
