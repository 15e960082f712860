using System.Collections.Generic;

namespace TwelveFactor.Core.Parity;

/// <summary>The resolved config of one environment. When a key occurs twice, the last entry wins.</summary>
/// <param name="Name">The environment's name (dev, staging, prod...).</param>
/// <param name="Entries">The entries in the order they were defined.</param>
public sealed record EnvironmentConfig(string Name, IReadOnlyList<ParityConfigEntry> Entries);
