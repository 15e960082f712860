using System;
using System.Collections.Generic;

namespace TwelveFactor.Core.Parity;

/// <summary>Settings of <see cref="ParityChecker"/>.</summary>
public sealed class ParityOptions
{
    /// <summary>The environment names treated as local unless set: dev, development, local, test (any case).</summary>
    public static IReadOnlySet<string> DefaultLocalEnvironmentNames { get; } =
        new HashSet<string>(new[] { "dev", "development", "local", "test" }, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Keys documented as environment-specific (in <c>.env.example</c> or a schema): never reported missing.
    /// </summary>
    public IReadOnlySet<string> EnvironmentSpecificKeys { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>
    /// Environments that may point at localhost, and where a missing key is only a warning. Every other
    /// environment is treated as deployed.
    /// </summary>
    public IReadOnlySet<string> LocalEnvironmentNames { get; init; } = DefaultLocalEnvironmentNames;

    /// <summary>
    /// Keys that may point at localhost in any environment: a sidecar such as an OpenTelemetry collector on
    /// <c>http://localhost:4317</c>, or a local proxy.
    /// </summary>
    public IReadOnlySet<string> LocalhostAllowedKeys { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Releases further apart than this give a warning instead of information. Seven days unless set.</summary>
    public TimeSpan ReleaseDriftThreshold { get; init; } = TimeSpan.FromDays(7);

    /// <summary>The clock for release ages; the system clock unless set.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
