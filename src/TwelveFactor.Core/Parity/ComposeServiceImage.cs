namespace TwelveFactor.Core.Parity;

/// <summary>The image a compose service runs in one environment, after that environment's override is merged.</summary>
/// <param name="Environment">The environment.</param>
/// <param name="Service">The compose service's name.</param>
/// <param name="Image">The image reference as written (<c>redis:7.2-alpine</c>), or null for a service that only builds.</param>
/// <param name="ImageName">The reference without tag and digest (<c>ghcr.io/acme/web</c>).</param>
/// <param name="Tag">The tag, or null when none is written (Docker then pulls <c>latest</c>).</param>
/// <param name="Digest">The digest (<c>sha256:...</c>), or null.</param>
/// <param name="SourceFile">The compose file whose <c>image</c> won the merge (or that declares the service).</param>
/// <param name="SourceLine">The 1-based line of that <c>image</c> (or of the service's name).</param>
public sealed record ComposeServiceImage(
    string Environment,
    string Service,
    string? Image,
    string? ImageName,
    string? Tag,
    string? Digest,
    string SourceFile,
    int SourceLine);
