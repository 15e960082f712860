using System;
using System.Buffers;

namespace TwelveFactor.Core.Foundation.IO;

/// <summary>
/// An <see cref="IBufferWriter{T}"/> of bytes over arrays rented from the shared pool, for output that is built,
/// used once and dropped (a release's 1.4 MB manifest body): where an <see cref="ArrayBufferWriter{T}"/> allocates
/// a new large-object-heap array on every release, and every few of those cost a full collection, this reuses one.
/// The arrays go back to the pool cleared, since what was written may be a release's protected config.
/// </summary>
internal sealed class PooledBufferWriter : IBufferWriter<byte>, IDisposable
{
    private byte[] _buffer;
    private int _written;

    internal PooledBufferWriter(int initialCapacity) => _buffer = ArrayPool<byte>.Shared.Rent(Math.Max(initialCapacity, 256));

    /// <summary>What has been written so far.</summary>
    internal ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _written);

    /// <summary>What has been written so far, to hand on; valid until the writer grows or is disposed.</summary>
    internal ReadOnlyMemory<byte> WrittenMemory => _buffer.AsMemory(0, _written);

    /// <summary>Part of what has been written, to fill in afterwards (room left with <see cref="Advance"/>).</summary>
    internal Span<byte> WrittenRange(int start, int length) => _buffer.AsSpan(0, _written).Slice(start, length);

    public void Advance(int count)
    {
        if (count < 0 || count > _buffer.Length - _written)
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        _written += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsMemory(_written);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Reserve(sizeHint);
        return _buffer.AsSpan(_written);
    }

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer, clearArray: true);
            _buffer = Array.Empty<byte>();
            _written = 0;
        }
    }

    private void Reserve(int sizeHint)
    {
        ObjectDisposedException.ThrowIf(_buffer.Length == 0, this);
        int needed = Math.Max(sizeHint, 1);
        if (_buffer.Length - _written >= needed)
        {
            return;
        }

        byte[] larger = ArrayPool<byte>.Shared.Rent(checked(Math.Max(_buffer.Length * 2, _written + needed)));
        WrittenSpan.CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer, clearArray: true);
        _buffer = larger;
    }
}
