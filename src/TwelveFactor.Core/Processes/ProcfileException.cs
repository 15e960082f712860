using System;
using TwelveFactor.Core.Foundation;

namespace TwelveFactor.Core.Processes;

/// <summary>A Procfile or formation that cannot be used; the message names the file, type or line, never a command's secrets.</summary>
public sealed class ProcfileException : TwelveFactorException
{
    /// <summary>Creates the exception.</summary>
    public ProcfileException(ProblemId problem, string? target, string message, Exception? inner = null)
        : base(problem, target, message, inner)
    {
    }
}
