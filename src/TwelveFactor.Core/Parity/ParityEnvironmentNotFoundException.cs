using System;
using System.Globalization;
using TwelveFactor.Core.Resources;

namespace TwelveFactor.Core.Parity;

/// <summary>An environment named for comparison has no config in the input.</summary>
public sealed class ParityEnvironmentNotFoundException : Exception
{
    /// <summary>The named environment is missing.</summary>
    public ParityEnvironmentNotFoundException(string environment)
        : base(string.Format(CultureInfo.CurrentCulture, ParityStrings.ParityEnvironmentNotFound, environment))
    {
        Environment = environment;
    }

    /// <summary>The environment that was asked for.</summary>
    public string Environment { get; }
}
