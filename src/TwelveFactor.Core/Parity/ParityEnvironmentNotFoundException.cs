using System;
using TwelveFactor.Core.Foundation;
using System.Globalization;
using TwelveFactor.Core.Resources;

namespace TwelveFactor.Core.Parity;

/// <summary>An environment named for comparison has no config in the input.</summary>
public sealed class ParityEnvironmentNotFoundException : TwelveFactorException
{
    /// <summary>The named environment is missing.</summary>
    public ParityEnvironmentNotFoundException(string environment)
        : base(ProblemId.EnvironmentNotFound, environment, string.Format(CultureInfo.CurrentCulture, ParityStrings.ParityEnvironmentNotFound, environment), null)
    {
        Environment = environment;
    }

    /// <summary>The environment that was asked for.</summary>
    public string Environment { get; }
}
