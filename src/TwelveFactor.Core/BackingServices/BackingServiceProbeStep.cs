using System;

namespace TwelveFactor.Core.BackingServices;

/// <summary>One timed step of a probe.</summary>
/// <param name="Step">Which step.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Duration">How long it took.</param>
/// <param name="Message">What happened, in a sentence; never a secret.</param>
public sealed record BackingServiceProbeStep(
    BackingServiceProbeStepKind Step, BackingServiceProbeStatus Status, TimeSpan Duration, string Message);
