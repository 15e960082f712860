using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace TwelveFactor.Core.Supervision;

/// <summary>
/// The line-by-line reader callers see, over a bounded channel of batches: each batch is the lines one read
/// of the task's output completed. Passing lines one by one through a channel costs a lock and often a
/// wake-up per line, which capped streaming at a quarter of <c>cat</c>'s speed; a batch per read keeps the
/// latency (a read is delivered as soon as it is split) at a fraction of the cost. One reader only.
/// </summary>
internal sealed class LineBatchReader : ChannelReader<TaskOutputLine>
{
    private readonly ChannelReader<TaskOutputLine[]> _batches;
    private readonly TaskCompletionSource _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskOutputLine[] _current = System.Array.Empty<TaskOutputLine>();
    private int _next;

    public LineBatchReader(ChannelReader<TaskOutputLine[]> batches)
    {
        _batches = batches;
    }

    public override Task Completion => _completion.Task;

    public override bool TryRead(out TaskOutputLine item)
    {
        while (_next == _current.Length)
        {
            if (!_batches.TryRead(out TaskOutputLine[]? batch))
            {
                if (_batches.Completion.IsCompleted)
                {
                    _completion.TrySetResult();
                }

                item = default;
                return false;
            }

            _current = batch;
            _next = 0;
        }

        item = _current[_next];
        _current[_next++] = default; // let the line go as soon as it is read
        return true;
    }

    public override async ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default)
    {
        if (_next < _current.Length)
        {
            return true;
        }

        if (await _batches.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return true;
        }

        _completion.TrySetResult();
        return false;
    }
}
