using System;
using System.Collections.Generic;

namespace TwelveFactor.Core.Parity;

/// <summary>Everything parity compares, as plain data gathered by the caller.</summary>
/// <param name="Environments">Each environment's resolved config.</param>
public sealed record ParityInput(IReadOnlyList<EnvironmentConfig> Environments)
{
    /// <summary>Compose images per service per environment (from <see cref="ComposeImageReader"/>); none unless set.</summary>
    public IReadOnlyList<ComposeServiceImage> Images { get; init; } = Array.Empty<ComposeServiceImage>();

    /// <summary>Releases per environment; the newest of each environment counts. None unless set.</summary>
    public IReadOnlyList<EnvironmentRelease> Releases { get; init; } = Array.Empty<EnvironmentRelease>();
}
