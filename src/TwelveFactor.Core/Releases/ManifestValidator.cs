using System;
using System.Collections.Generic;
using System.Globalization;
using TwelveFactor.Core.Resources;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Core.Releases;

/// <summary>
/// Checks a manifest read from a store before anything acts on it. A store is written by others (anyone who can
/// write a local store's folder or a shared Azure container), and its digests are self-made, so a manifest is
/// trusted only when every path is canonical and inside the release, every link resolves inside through the
/// release's other links, and every content digest is a plain SHA-256 (it becomes a file name in the store).
/// </summary>
internal static class ManifestValidator
{
    /// <summary>Throws <see cref="ProblemId.StoreVerificationFailed"/> naming the first entry that fails.</summary>
    internal static void Validate(ReleaseManifest manifest)
    {
        string release = manifest.Release.App + " " + manifest.Release.Id;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (ReleaseFileEntry entry in manifest.Files)
        {
            CheckPath(release, entry.Path, seen);
            if (entry.LinkTarget is null)
            {
                if (entry.Size < 0 || entry.Mode is < 0 or > 0xFFF || !IsSha256(entry.Sha256))
                {
                    throw Bad(release, entry.Path);
                }
            }
            else if (entry.Sha256 is not null)
            {
                throw Bad(release, entry.Path);
            }
        }

        foreach (ReleaseDirectoryEntry directory in manifest.Directories)
        {
            CheckPath(release, directory.Path, seen);
            if (directory.Mode is < 0 or > 0xFFF)
            {
                throw Bad(release, directory.Path);
            }
        }

        try
        {
            foreach (ReleaseFileEntry entry in manifest.Files)
            {
                if (entry.LinkTarget is { } target)
                {
                    BuildPathRules.ValidateLinkTarget(entry.Path, target);
                }
            }

            BuildPathRules.RejectEntriesBelowLinks(manifest.Files);
            BuildPathRules.RejectLinksThatEscape(manifest.Files);
        }
        catch (ReleaseException ex) when (ex.Problem == ProblemId.ArchiveEntryEscapes)
        {
            throw new ReleaseException(ProblemId.StoreVerificationFailed, Message(release, ex.Target ?? string.Empty), manifest.Release.Id, ex);
        }
    }

    private static void CheckPath(string release, string path, HashSet<string> seen)
    {
        string? normal;
        try
        {
            normal = BuildPathRules.NormalizeEntry(path);
        }
        catch (ReleaseException)
        {
            normal = null;
        }

        // Canonical only: 'a/../b' or 'a//b' is not what the ingester writes, so it was written by someone else.
        if (normal is null || !string.Equals(normal, path, StringComparison.Ordinal) || !seen.Add(path))
        {
            throw Bad(release, path);
        }
    }

    private static bool IsSha256(string? value)
    {
        if (value is not { Length: 64 })
        {
            return false;
        }

        foreach (char c in value)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return true;
    }

    private static ReleaseException Bad(string release, string path) =>
        new(ProblemId.StoreVerificationFailed, Message(release, path), path);

    private static string Message(string release, string path) =>
        string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.ManifestEntryUnsafe, release, path);
}
