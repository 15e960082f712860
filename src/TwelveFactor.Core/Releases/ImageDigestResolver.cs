using System;
using System.Globalization;
using System.Linq;
using System.Net;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet;
using Docker.DotNet.Models;
using TwelveFactor.Core.Config;
using TwelveFactor.Core.Resources;

using TwelveFactor.Core.Foundation.Secrets;
using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Core.Releases;

/// <summary>
/// Turns a container image reference into the <c>sha256:</c> digest a release records. A reference that
/// carries a digest (<c>name@sha256:...</c>) needs nothing else; a tag (<c>name:tag</c>) is resolved by the
/// Docker engine that <c>DOCKER_HOST</c> names (else the platform's default socket), without pulling.
/// </summary>
/// <remarks>
/// The digest is the registry digest the engine holds for that repository (from a pull or push), else the image
/// ID, the content digest of the image's config: both name the exact image bytes, so a tag moved later does
/// not change what the release deploys. No Docker type appears in this class's public surface.
/// </remarks>
public static partial class ImageDigestResolver
{
    private static readonly TimeSpan EngineTimeout = TimeSpan.FromSeconds(15);

    /// <summary>The digest in <paramref name="reference"/> (<c>name@sha256:...</c>), or null when it has none.</summary>
    public static string? DigestOf(string reference)
    {
        ThrowIfInvalid(reference);
        int at = reference.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? null : reference[(at + 1)..].ToLowerInvariant();
    }

    /// <summary>
    /// The reference's digest: taken from the reference itself, else asked of the engine at
    /// <paramref name="dockerHost"/> (null: DOCKER_HOST, else the platform default). Throws
    /// <see cref="ReleaseException"/> ImageReferenceInvalid, DockerEngineUnreachable or DockerImageNotFound.
    /// </summary>
    public static async Task<string> ResolveAsync(string reference, string? dockerHost = null, CancellationToken cancellationToken = default)
    {
        if (DigestOf(reference) is { } digest)
        {
            return digest;
        }

        string? host = string.IsNullOrWhiteSpace(dockerHost) ? ModuleSettings.Read(ModuleSettings.DockerHostVariable) : dockerHost;
        string endpoint = string.IsNullOrWhiteSpace(host)
            ? (OperatingSystem.IsWindows() ? "npipe://./pipe/docker_engine" : "unix:///var/run/docker.sock")
            : host.Trim();
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out Uri? uri))
        {
            throw Unreachable(endpoint, reference, "the endpoint is not a URL", null);
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(EngineTimeout);
        try
        {
            using DockerClient client = new DockerClientBuilder().WithEndpoint(uri).Build();
            ImageInspectResponse image = await client.Images.InspectImageAsync(reference, limit.Token).ConfigureAwait(false);
            string name = RepositoryOf(reference);
            string? repoDigest = image.RepoDigests?
                .Where(d => d.Contains('@', StringComparison.Ordinal))
                .FirstOrDefault(d => SameRepository(d[..d.IndexOf('@', StringComparison.Ordinal)], name));
            return repoDigest is not null ? repoDigest[(repoDigest.IndexOf('@', StringComparison.Ordinal) + 1)..] : image.ID;
        }
        catch (DockerApiException ex) when (ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
        {
            throw new ReleaseException(ProblemId.DockerImageNotFound, string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.ImageNotFound, reference), reference, ex);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw Unreachable(endpoint, reference, "no answer within 15 seconds", ex);
        }
        catch (Exception ex) when (ex is System.Net.Http.HttpRequestException or System.IO.IOException or System.Net.Sockets.SocketException or DockerApiException or TimeoutException)
        {
            throw Unreachable(endpoint, reference, ex.GetBaseException().Message, ex);
        }
    }

    /// <summary>
    /// The reference to run a release's image by: <paramref name="reference"/> itself when it carries a digest,
    /// else <c>repository@digest</c> when the engine knows the image by that registry digest, else the digest
    /// alone (an image ID, for images built or imported locally that no registry has seen). Without an engine
    /// answer, <c>repository@digest</c>, so the runner reports what it could not find.
    /// </summary>
    public static async Task<string> RunnableReferenceAsync(string reference, string digest, string? dockerHost = null, CancellationToken cancellationToken = default)
    {
        if (reference.Contains('@', StringComparison.Ordinal))
        {
            return reference;
        }

        string pinned = RepositoryOf(reference) + "@" + digest;
        string? host = string.IsNullOrWhiteSpace(dockerHost) ? ModuleSettings.Read(ModuleSettings.DockerHostVariable) : dockerHost;
        string endpoint = string.IsNullOrWhiteSpace(host)
            ? (OperatingSystem.IsWindows() ? "npipe://./pipe/docker_engine" : "unix:///var/run/docker.sock")
            : host.Trim();
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out Uri? uri))
        {
            return pinned;
        }

        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(EngineTimeout);
        try
        {
            using DockerClient client = new DockerClientBuilder().WithEndpoint(uri).Build();
            foreach (string candidate in new[] { pinned, digest })
            {
                try
                {
                    await client.Images.InspectImageAsync(candidate, limit.Token).ConfigureAwait(false);
                    return candidate;
                }
                catch (DockerApiException ex) when (ex.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest)
                {
                    // Not by this name; try the next.
                }
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // No answer in time: the runner reports the engine.
        }
        catch (Exception ex) when (ex is System.Net.Http.HttpRequestException or System.IO.IOException or System.Net.Sockets.SocketException or DockerApiException or TimeoutException)
        {
            // No engine: the runner reports it.
        }

        return pinned;
    }

    private static void ThrowIfInvalid(string reference)
    {
        if (string.IsNullOrWhiteSpace(reference) || !ReferencePattern().IsMatch(reference))
        {
            throw new ReleaseException(ProblemId.ImageReferenceInvalid, string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.ImageReferenceInvalid, reference), reference);
        }
    }

    // The repository part: without a digest, and without a tag (a ':' after the last '/', so a registry port stays).
    private static string RepositoryOf(string reference)
    {
        int at = reference.IndexOf('@', StringComparison.Ordinal);
        string rest = at < 0 ? reference : reference[..at];
        int colon = rest.LastIndexOf(':');
        return colon > rest.LastIndexOf('/') ? rest[..colon] : rest;
    }

    private static bool SameRepository(string a, string b) =>
        string.Equals(Normalize(a), Normalize(b), StringComparison.Ordinal);

    // Docker Hub names have short forms: busybox = library/busybox = docker.io/library/busybox.
    private static string Normalize(string name)
    {
        string n = name.StartsWith("docker.io/", StringComparison.Ordinal) ? name["docker.io/".Length..] : name;
        return n.Contains('/', StringComparison.Ordinal) ? n : "library/" + n;
    }

    private static ReleaseException Unreachable(string endpoint, string reference, string reason, Exception? inner) =>
        new(
            ProblemId.DockerEngineUnreachable,
            string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.ImageEngineUnreachable, UrlMasker.MaskPassword(endpoint), reference, reason),
            UrlMasker.MaskPassword(endpoint),
            inner);

    // name[:tag][@sha256:<64 hex>]; name: lower-case path components, after an optional registry (a host with a
    // '.', localhost, or any host with a port), as Docker tells a registry from a first path component.
    [GeneratedRegex("^(?:(?:[A-Za-z0-9-]+\\.[A-Za-z0-9.-]+|localhost|[A-Za-z0-9-]+(?=:[0-9]))(?::[0-9]+)?/)?[a-z0-9]+(?:[._-]+[a-z0-9]+)*(?:/[a-z0-9]+(?:[._-]+[a-z0-9]+)*)*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[A-Fa-f0-9]{64})?$", RegexOptions.CultureInvariant)]
    private static partial Regex ReferencePattern();
}
