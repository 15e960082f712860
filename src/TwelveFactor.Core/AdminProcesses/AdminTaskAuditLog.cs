using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using TwelveFactor.Core.Foundation.IO;
using TwelveFactor.Core.Releases.Stores;

namespace TwelveFactor.Core.AdminProcesses;

/// <summary>
/// The audit trail of admin task runs: one JSON object per line. In a local release store it is the file
/// <see cref="LocalReleaseStore.AuditFile"/>, read from its end; in a remote store (Azure Blob Storage) the store
/// keeps the lines itself, so every agent that shares the releases shares the trail.
/// </summary>
public sealed class AdminTaskAuditLog : IAdminTaskAuditTrail
{
    /// <summary>The log's file name inside a folder.</summary>
    public const string FileName = "admin-tasks.jsonl";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = false,
    };

    private readonly JsonLinesFile? _file;
    private readonly IReleaseStore? _remote;

    /// <summary>A trail kept as the file <see cref="FileName"/> in <paramref name="directory"/>.</summary>
    public AdminTaskAuditLog(string directory)
        : this(new JsonLinesFile(System.IO.Path.Combine(directory, FileName)))
    {
    }

    private AdminTaskAuditLog(JsonLinesFile file)
    {
        _file = file;
        Location = file.Path;
    }

    private AdminTaskAuditLog(IReleaseStore remote)
    {
        _remote = remote;
        Location = remote.DisplayLocation.TrimEnd('/') + "/audit/" + FileName;
    }

    /// <inheritdoc/>
    public string Location { get; }

    /// <summary>The trail of a release store: the file beside a local store's releases, the store itself when remote.</summary>
    public static AdminTaskAuditLog ForStore(IReleaseStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store is LocalReleaseStore local ? new AdminTaskAuditLog(new JsonLinesFile(local.AuditFile)) : new AdminTaskAuditLog(store);
    }

    /// <inheritdoc/>
    public Task AppendAsync(AdminTaskAuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        byte[] line = JsonSerializer.SerializeToUtf8Bytes(record, JsonOptions);
        if (_remote is not null)
        {
            return _remote.AppendAuditLineAsync(line, cancellationToken);
        }

        _file!.AppendLine(line);
        return Task.CompletedTask;
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<AdminTaskAuditRecord>> ReadLastAsync(int count, string? releaseId, string? environment, string? app, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            return Array.Empty<AdminTaskAuditRecord>();
        }

        IEnumerable<byte[]> newestFirst = _remote is null
            ? _file!.LinesNewestFirst()
            : (await _remote.ReadAuditLinesAsync(cancellationToken).ConfigureAwait(false)).Reverse();
        var found = new List<AdminTaskAuditRecord>();
        foreach (byte[] line in newestFirst)
        {
            AdminTaskAuditRecord? record = TryParse(line);
            if (record is null
                || (releaseId is not null && !string.Equals(record.ReleaseId, releaseId, StringComparison.OrdinalIgnoreCase))
                || (environment is not null && !string.Equals(record.Environment, environment, StringComparison.OrdinalIgnoreCase))
                || (app is not null && !string.Equals(record.App, app, StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            found.Add(record);
            if (found.Count == count)
            {
                break;
            }
        }

        found.Reverse();
        return found;
    }

    private static AdminTaskAuditRecord? TryParse(byte[] line)
    {
        try
        {
            return JsonSerializer.Deserialize<AdminTaskAuditRecord>(line, JsonOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
