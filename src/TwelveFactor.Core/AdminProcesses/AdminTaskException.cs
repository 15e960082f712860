using System;
using TwelveFactor.Core.Foundation;

namespace TwelveFactor.Core.AdminProcesses;

/// <summary>
/// An admin task could not be started. The message names the command, directory, variable name or image;
/// never a config value. Nothing the runner started is left running when this is thrown.
/// </summary>
public sealed class AdminTaskException : TwelveFactorException
{
    /// <summary>Creates the exception; <paramref name="target"/> is the command, directory, variable name, image or engine endpoint.</summary>
    public AdminTaskException(ProblemId problem, string target, string message, Exception? inner = null)
        : base(problem, target, message, inner)
    {
    }
}
