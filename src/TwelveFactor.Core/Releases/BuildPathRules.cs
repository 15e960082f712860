using System;
using System.Collections.Generic;
using System.Globalization;
using TwelveFactor.Core.Resources;

namespace TwelveFactor.Core.Releases;

/// <summary>
/// Keeps every path of a build inside the build: archive entry names and symlink targets are resolved
/// lexically and rejected when they climb out, are absolute, or pass through a symlink (a link that looks
/// inside lexically could point out once a parent is itself a link).
/// </summary>
internal static class BuildPathRules
{
    /// <summary>The entry's path relative to the build root with '/' separators; null for the root itself.</summary>
    internal static string? NormalizeEntry(string raw)
    {
        string path = raw.Replace('\\', '/');
        if (path.StartsWith('/') || (path.Length >= 2 && path[1] == ':') || path.Contains('\0', StringComparison.Ordinal))
        {
            throw Escapes(raw);
        }

        var segments = new List<string>();
        foreach (string segment in path.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (segments.Count == 0)
                {
                    throw Escapes(raw);
                }

                segments.RemoveAt(segments.Count - 1);
                continue;
            }

            segments.Add(segment);
        }

        return segments.Count == 0 ? null : string.Join('/', segments);
    }

    /// <summary>Checks that a symlink at <paramref name="entryPath"/> pointing at <paramref name="target"/> stays inside.</summary>
    internal static string ValidateLinkTarget(string entryPath, string target)
    {
        string normalized = target.Replace('\\', '/');
        if (normalized.Length == 0 || normalized.StartsWith('/') || (normalized.Length >= 2 && normalized[1] == ':'))
        {
            throw Escapes(entryPath + " -> " + target);
        }

        int slash = entryPath.LastIndexOf('/');
        string combined = slash < 0 ? normalized : entryPath[..slash] + "/" + normalized;
        try
        {
            NormalizeEntry(combined);
        }
        catch (ReleaseException ex)
        {
            throw new ReleaseException(ReleaseErrorKind.ArchiveEntryEscapes, Message(entryPath + " -> " + target), entryPath, ex);
        }

        return normalized;
    }

    /// <summary>Rejects any entry that lies beneath a symlink of the same build.</summary>
    internal static void RejectEntriesBelowLinks(IEnumerable<ReleaseFileEntry> entries)
    {
        var links = new HashSet<string>(StringComparer.Ordinal);
        var all = new List<ReleaseFileEntry>(entries);
        foreach (ReleaseFileEntry entry in all)
        {
            if (entry.IsSymbolicLink)
            {
                links.Add(entry.Path);
            }
        }

        if (links.Count == 0)
        {
            return;
        }

        foreach (ReleaseFileEntry entry in all)
        {
            for (int slash = entry.Path.IndexOf('/'); slash > 0; slash = entry.Path.IndexOf('/', slash + 1))
            {
                if (links.Contains(entry.Path[..slash]))
                {
                    throw Escapes(entry.Path);
                }
            }
        }
    }

    private static ReleaseException Escapes(string what) =>
        new(ReleaseErrorKind.ArchiveEntryEscapes, Message(what), what);

    private static string Message(string what) =>
        string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.ArchiveEntryEscapes, what);
}
