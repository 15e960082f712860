namespace TwelveFactor.Core.Processes;

/// <summary>One runtime check of one factor.</summary>
/// <param name="Factor">The factor's number and name: "VII Port binding".</param>
/// <param name="Passed">Whether the app passed.</param>
/// <param name="Figure">What was measured, short: "0.42 s", "exit 0 in 0.05 s", "12 lines, no log files".</param>
/// <param name="Detail">What was seen and, when it failed, what to change.</param>
public sealed record DisposabilityCheck(string Factor, bool Passed, string Figure, string Detail);
