using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using TwelveFactor.Core.Releases.Stores;

namespace TwelveFactor.Core.Releases;

/// <summary>
/// The blob references of releases about to be removed, read from their manifests (with the stamps those manifests
/// had when listed) just before the manifests are deleted, so garbage collection can take them out of the app's
/// reference counts without the manifests.
/// </summary>
internal sealed class RemovedReferences
{
    private readonly string _app;
    private readonly Dictionary<string, string> _stamps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Stamp, HashSet<string> References)> _read = new(StringComparer.Ordinal);

    internal RemovedReferences(string app, IReadOnlyList<KeyValuePair<string, string>> stamps, bool enabled)
    {
        _app = app;
        Enabled = enabled;
        foreach (var (id, stamp) in stamps)
        {
            _stamps[id] = stamp;
        }
    }

    /// <summary>
    /// False when reading the removed releases would not pay: the app has no counts that match its manifests (the
    /// collection counts from the manifests anyway), or more than a third of them go (counting those that stay is
    /// then cheaper).
    /// </summary>
    internal bool Enabled { get; }

    /// <summary>Reads a release's references before its manifest goes; one that cannot be read is left out (the collection then recounts).</summary>
    internal async Task ReadAsync(IReleaseStore store, string id, CancellationToken cancellationToken)
    {
        if (!Enabled || !_stamps.TryGetValue(id, out string? stamp) || await store.ReadManifestAsync(_app, id, cancellationToken).ConfigureAwait(false) is not { } bytes)
        {
            return;
        }

        try
        {
            _read[id] = (stamp, ManifestCodec.BlobReferences(bytes));
        }
        catch (InvalidDataException)
        {
        }
    }

    /// <summary>The references of a removed release, if they were read under the same manifest stamp as was counted.</summary>
    internal IReadOnlySet<string>? Find(string app, string id, string countedStamp) =>
        string.Equals(app, _app, StringComparison.Ordinal) && _read.TryGetValue(id, out var read) && string.Equals(read.Stamp, countedStamp, StringComparison.Ordinal)
            ? read.References
            : null;
}
