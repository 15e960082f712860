using System;
using System.Collections.Generic;
using System.Globalization;
using TwelveFactor.Core.Resources;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Core.Releases;

/// <summary>
/// Keeps every path of a build inside the build: archive entry names and symlink targets are resolved and
/// rejected when they climb out, are absolute, or pass through a symlink. A link's target is resolved through
/// the build's other links as the kernel would after publish (a chain <c>q -> .</c>, <c>p -> q/..</c> climbs out
/// although each link looks inside on its own), and only permission bits are kept of a mode.
/// </summary>
internal static class BuildPathRules
{
    /// <summary>The bits a release keeps of a mode: read, write and execute for owner, group and others.</summary>
    internal const int PermissionBits = 0x1FF;

    /// <summary>Symlinks followed while resolving one target before it counts as a loop (Linux's own limit).</summary>
    private const int MaxLinkHops = 40;

    /// <summary>
    /// Keeps only the permission bits of a build file's mode: setuid, setgid and sticky bits would make a
    /// build's program run as the root that publishes it.
    /// </summary>
    internal static int PermissionsOf(int mode) => mode & PermissionBits;

    /// <summary>
    /// Rejects any symlink whose target, resolved through the build's other symlinks, leaves the build or loops.
    /// </summary>
    internal static void RejectLinksThatEscape(IEnumerable<ReleaseFileEntry> entries)
    {
        var links = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (ReleaseFileEntry entry in entries)
        {
            if (entry.LinkTarget is { } target)
            {
                links[entry.Path] = target;
            }
        }

        foreach (var (path, target) in links)
        {
            if (!StaysInside(path, target, links))
            {
                throw Escapes(path + " -> " + target);
            }
        }
    }

    // Walks the target one segment at a time from the link's folder, replacing each segment that is itself a
    // link by that link's target, as path resolution does; iterative, so a hostile chain cannot exhaust the stack.
    private static bool StaysInside(string linkPath, string target, Dictionary<string, string> links)
    {
        var resolved = new List<string>(linkPath.Split('/'));
        resolved.RemoveAt(resolved.Count - 1);
        var pending = new LinkedList<string>(target.Replace('\\', '/').Split('/'));
        int hops = 0;
        while (pending.First is { } first)
        {
            string segment = first.Value;
            pending.RemoveFirst();
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (resolved.Count == 0)
                {
                    return false;
                }

                resolved.RemoveAt(resolved.Count - 1);
                continue;
            }

            resolved.Add(segment);
            if (links.TryGetValue(string.Join('/', resolved), out string? next))
            {
                if (++hops > MaxLinkHops || next.StartsWith('/') || (next.Length >= 2 && next[1] == ':'))
                {
                    return false;
                }

                resolved.RemoveAt(resolved.Count - 1);
                string[] parts = next.Replace('\\', '/').Split('/');
                for (int i = parts.Length - 1; i >= 0; i--)
                {
                    pending.AddFirst(parts[i]);
                }
            }
        }

        return true;
    }
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
            throw new ReleaseException(ProblemId.ArchiveEntryEscapes, Message(entryPath + " -> " + target), entryPath, ex);
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
        new(ProblemId.ArchiveEntryEscapes, Message(what), what);

    private static string Message(string what) =>
        string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.ArchiveEntryEscapes, what);
}
