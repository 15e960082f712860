using System;

namespace TwelveFactor.Core.Parity;

/// <summary>A release published to an environment. When an environment has several, the newest counts.</summary>
/// <param name="Environment">The environment's name.</param>
/// <param name="ReleaseId">The release's id (v42, a build number, a commit).</param>
/// <param name="CreatedAt">When the release was created.</param>
public sealed record EnvironmentRelease(string Environment, string ReleaseId, DateTimeOffset CreatedAt);
