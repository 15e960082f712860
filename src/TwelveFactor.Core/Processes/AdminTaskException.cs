using System;

namespace TwelveFactor.Core.Processes;

/// <summary>
/// An admin task could not be started. The message names the command, directory, variable name or image;
/// never a config value. Nothing the runner started is left running when this is thrown.
/// </summary>
public sealed class AdminTaskException : Exception
{
    public AdminTaskException(AdminTaskProblem problem, string target, string message, Exception? inner = null)
        : base(message, inner)
    {
        Problem = problem;
        Target = target;
    }

    public AdminTaskProblem Problem { get; }

    /// <summary>What the problem is about: the command, directory, variable name, image or engine endpoint.</summary>
    public string Target { get; }
}
