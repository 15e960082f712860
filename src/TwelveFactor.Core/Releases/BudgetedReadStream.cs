using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace TwelveFactor.Core.Releases;

/// <summary>A read-only view of an archive entry's content that charges every byte read to an <see cref="ExpansionBudget"/>.</summary>
internal sealed class BudgetedReadStream : Stream
{
    private readonly Stream _inner;
    private readonly ExpansionBudget _budget;
    private readonly bool _leaveOpen;

    /// <param name="leaveOpen">Keep <paramref name="inner"/> open on dispose: a tar entry's stream belongs to its reader.</param>
    internal BudgetedReadStream(Stream inner, ExpansionBudget budget, bool leaveOpen = false)
    {
        _inner = inner;
        _budget = budget;
        _leaveOpen = leaveOpen;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Charge(_inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Charge(_inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Charge(await _inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_leaveOpen)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Charge(int read)
    {
        _budget.AddBytes(read);
        return read;
    }
}
