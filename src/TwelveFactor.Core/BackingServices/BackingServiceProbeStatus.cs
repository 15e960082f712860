namespace TwelveFactor.Core.BackingServices;

/// <summary>How a probe, or one step of it, ended.</summary>
public enum BackingServiceProbeStatus
{
    /// <summary>It worked.</summary>
    Succeeded,

    /// <summary>It failed; the message says why.</summary>
    Failed,

    /// <summary>It was not done (an IP address needs no lookup; a step after a failure; a kind the probe cannot check).</summary>
    Skipped,
}
