using System;

namespace TwelveFactor.Core.Supervision;

/// <summary>How a supervised process (or container) ended.</summary>
/// <param name="ExitCode">Its exit code.</param>
/// <param name="Duration">From start to exit.</param>
/// <param name="TimedOut">It was stopped because it ran past its time limit.</param>
/// <param name="Cancelled">It was stopped because the caller cancelled (Ctrl+C).</param>
/// <param name="Killed">The graceful stop was not enough: it (or something it left) was killed.</param>
public sealed record SupervisedExit(int ExitCode, TimeSpan Duration, bool TimedOut, bool Cancelled, bool Killed);
