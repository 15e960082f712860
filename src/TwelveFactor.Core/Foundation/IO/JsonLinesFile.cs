using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;

namespace TwelveFactor.Core.Foundation.IO;

/// <summary>
/// An append-only file of one record per line (JSON Lines), shared by concurrent writers. Writers take the file
/// exclusively (others wait up to 10 s), so lines never interleave; each append is flushed to disk before it
/// returns; a line torn by a crash is ended by the next append and skipped by readers. Reading goes from the end,
/// so the cost of "the last N" does not grow with the length of the history.
/// </summary>
public sealed class JsonLinesFile
{
    private static readonly TimeSpan LockWait = TimeSpan.FromSeconds(10);

    /// <summary>A file at <paramref name="path"/>; it and its folder are created by the first append.</summary>
    public JsonLinesFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        Path = System.IO.Path.GetFullPath(path);
    }

    /// <summary>The file's full path.</summary>
    public string Path { get; }

    /// <summary>Appends one line (without its newline), ending a torn last line first.</summary>
    public void AppendLine(ReadOnlySpan<byte> line)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);

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

    /// <summary>The file's non-empty lines from the last to the first (none when there is no file yet).</summary>
    public IEnumerable<byte[]> LinesNewestFirst()
    {
        if (!File.Exists(Path))
        {
            yield break;
        }

        // Never through a link, never waiting on a fifo: the log sits in a store others may write to.
        using var stream = new FileStream(RegularFile.OpenRead(Path), FileAccess.Read);
        foreach (byte[] line in LinesFromEnd(stream))
        {
            yield return line;
        }
    }

    // '\n' never occurs inside a UTF-8 multi-byte sequence, so splitting bytes is safe.
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
