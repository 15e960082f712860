using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading;
using TwelveFactor.Core.Storage;

namespace TwelveFactor.Core.Processes;

/// <summary>
/// The append-only audit trail of admin task runs: one JSON object per line. In a local release store it is
/// the file <see cref="FileName"/> in the store's <c>audit</c> folder; in a remote store (Azure Blob Storage)
/// the store keeps the lines itself, so every agent that shares the releases shares the trail. Records are only
/// ever appended; a line torn by a crash is skipped when reading and healed (ended) by the next append.
/// </summary>
public sealed class AdminTaskAuditLog
{
    /// <summary>The log's file name inside the folder.</summary>
    public const string FileName = "admin-tasks.jsonl";

    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = false,
    };

    private readonly IReleaseStore? _remote;

    /// <summary>A trail kept as a file in <paramref name="directory"/>.</summary>
    public AdminTaskAuditLog(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory = System.IO.Path.GetFullPath(directory);
        Path = System.IO.Path.Combine(Directory, FileName);
    }

    private AdminTaskAuditLog(IReleaseStore remote)
    {
        _remote = remote;
        Directory = remote.DisplayLocation.TrimEnd('/') + "/audit";
        Path = Directory + "/" + FileName;
    }

    /// <summary>The folder (or, for a remote store, the location) of the trail.</summary>
    public string Directory { get; }

    /// <summary>Where the trail is, for messages: a file path, or a URL inside a remote store.</summary>
    public string Path { get; }

    /// <summary>The trail of a release store: a file beside a local store's releases, the store itself when remote.</summary>
    public static AdminTaskAuditLog ForStore(IReleaseStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        return store.LocalRoot is { } root ? new AdminTaskAuditLog(System.IO.Path.Combine(root, "audit")) : new AdminTaskAuditLog(store);
    }

    /// <summary>
    /// Appends one record. Writers take the file exclusively (other writers wait up to 10 s), so records from
    /// concurrent runs never interleave; the write is flushed to disk before this returns.
    /// </summary>
    public void Append(AdminTaskAuditRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        byte[] line = JsonSerializer.SerializeToUtf8Bytes(record, JsonOptions);
        if (_remote is not null)
        {
            _remote.AppendAuditLineAsync(line, CancellationToken.None).GetAwaiter().GetResult();
            return;
        }

        AppendLine(line);
    }

    /// <summary>Appends one line to the file, ending a torn last line first.</summary>
    internal void AppendLine(ReadOnlySpan<byte> line)
    {
        System.IO.Directory.CreateDirectory(Directory);

        using FileStream stream = OpenExclusive();
        long length = stream.Length;
        if (length > 0)
        {
            stream.Position = length - 1;
            if (stream.ReadByte() != '\n')
            {
                stream.WriteByte((byte)'\n');
            }
        }

        stream.Position = stream.Length;
        stream.Write(line);
        stream.WriteByte((byte)'\n');
        stream.Flush(flushToDisk: true);
    }

    /// <summary>
    /// The last <paramref name="count"/> records, oldest first, optionally only those of one release and/or one
    /// environment (names compared without regard to case). Reads the file from its end, so the cost does not
    /// grow with the length of the history. Lines that are not valid records are skipped.
    /// </summary>
    public IReadOnlyList<AdminTaskAuditRecord> ReadLast(int count, string? releaseId = null, string? environment = null, string? app = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var found = new List<AdminTaskAuditRecord>();
        if (count == 0)
        {
            return found;
        }

        foreach (byte[] line in LinesNewestFirst())
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

    /// <summary>The file's lines from the last to the first (empty when there is no file yet).</summary>
    internal IEnumerable<byte[]> LinesNewestFirst()
    {
        if (_remote is not null)
        {
            IReadOnlyList<byte[]> lines = _remote.ReadAuditLinesAsync(CancellationToken.None).GetAwaiter().GetResult();
            for (int i = lines.Count - 1; i >= 0; i--)
            {
                yield return lines[i];
            }

            yield break;
        }

        if (!File.Exists(Path))
        {
            yield break;
        }

        using var stream = new FileStream(Path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        foreach (byte[] line in LinesFromEnd(stream))
        {
            yield return line;
        }
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

    // Lines from the last to the first. '\n' never occurs inside a UTF-8 multi-byte sequence, so splitting
    // bytes is safe.
    private static IEnumerable<byte[]> LinesFromEnd(FileStream stream)
    {
        const int blockSize = 64 * 1024;
        byte[] block = new byte[blockSize];
        byte[] carry = Array.Empty<byte>();
        long position = stream.Length;
        while (position > 0)
        {
            int size = (int)Math.Min(blockSize, position);
            position -= size;
            stream.Position = position;
            stream.ReadExactly(block, 0, size);

            int end = size;
            for (int i = size - 1; i >= 0; i--)
            {
                if (block[i] != '\n')
                {
                    continue;
                }

                byte[] line = Concat(block.AsSpan(i + 1, end - i - 1), carry);
                carry = Array.Empty<byte>();
                end = i;
                if (line.Length > 0)
                {
                    yield return line;
                }
            }

            carry = Concat(block.AsSpan(0, end), carry);
        }

        if (carry.Length > 0)
        {
            yield return carry;
        }
    }

    private static byte[] Concat(ReadOnlySpan<byte> head, byte[] tail)
    {
        byte[] result = new byte[head.Length + tail.Length];
        head.CopyTo(result);
        tail.CopyTo(result.AsSpan(head.Length));
        return result;
    }

    private FileStream OpenExclusive()
    {
        long since = Environment.TickCount64;
        while (true)
        {
            try
            {
                return new FileStream(Path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (Environment.TickCount64 - since < LockWait.TotalMilliseconds && File.Exists(Path))
            {
                // Another writer (or a reader) has it; records are small and writes quick.
                Thread.Sleep(20);
            }
        }
    }
}
