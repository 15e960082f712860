namespace TwelveFactor.Core.Parity;

/// <summary>How much a parity finding matters. <c>-Strict</c> fails the step on <see cref="Error"/>.</summary>
public enum ParitySeverity
{
    /// <summary>Worth knowing; nothing to fix (the release in each environment, a benign difference).</summary>
    Information,

    /// <summary>A difference that is often intended but deserves a look (image tags during a rollout).</summary>
    Warning,

    /// <summary>A gap that breaks parity or security (a key missing in production, a reused secret).</summary>
    Error,
}
