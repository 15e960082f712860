using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace TwelveFactor.Core.Supervision;

/// <summary>
/// Reads one of the task's streams on a thread of its own and hands what it reads to a
/// <see cref="LineAssembler"/>, which delivers each line to the output channel as soon as it is complete. When the channel is full the thread waits, the pipe fills, and the task blocks in its
/// own write: that is the backpressure that keeps memory flat however much the task prints.
/// </summary>
/// <remarks>
/// A dedicated thread with blocking reads, not async reads on the thread pool: anonymous pipes have no true
/// async reads on Unix (the pool would block anyway), and a read that never ends (a descendant that escaped
/// the process group still holds the pipe) then ties up only this thread, which the runner can abandon.
/// </remarks>
internal sealed class OutputPump
{
    private const int ReadSize = 64 * 1024;

    private readonly Stream _stream;
    private readonly OutputKind _kind;
    private readonly ChannelWriter<TaskOutputLine[]> _writer;
    private readonly Encoding _encoding;
    private readonly bool _neutralise;
    private readonly CancellationToken _abort;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _waitingSince; // Stopwatch timestamp while blocked in a read, 0 otherwise.

    public OutputPump(Stream stream, OutputKind kind, ChannelWriter<TaskOutputLine[]> writer, Encoding encoding, bool neutralise, CancellationToken abort)
    {
        _stream = stream;
        _kind = kind;
        _writer = writer;
        _encoding = encoding;
        _neutralise = neutralise;
        _abort = abort;
    }

    /// <summary>Completes at the end of the stream, or when the pump is aborted.</summary>
    public Task Completion => _done.Task;

    /// <summary>How long the pump has been waiting for the task to write; zero while it is busy delivering.</summary>
    public TimeSpan WaitingForData
    {
        get
        {
            long since = Interlocked.Read(ref _waitingSince);
            return since == 0 ? TimeSpan.Zero : Stopwatch.GetElapsedTime(since);
        }
    }

    public void Start()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = $"TwelveFactor admin task {_kind}" };
        thread.Start();
    }

    private void Run()
    {
        try
        {
            Pump();
            _done.TrySetResult();
        }
        catch (Exception ex) when (ex is OperationCanceledException or ChannelClosedException or ObjectDisposedException or IOException)
        {
            // Aborted by the runner, or the pipe was closed under us: the end of this stream either way.
            _done.TrySetResult();
        }
        catch (Exception ex)
        {
            _done.TrySetException(ex);
        }
    }

    private void Pump()
    {
        var lines = new LineAssembler(_kind, _writer, _encoding, _neutralise, _abort);
        byte[] bytes = new byte[ReadSize];
        while (true)
        {
            Interlocked.Exchange(ref _waitingSince, Stopwatch.GetTimestamp());
            int read = _stream.Read(bytes, 0, bytes.Length);
            Interlocked.Exchange(ref _waitingSince, 0);
            if (read == 0)
            {
                break;
            }

            lines.Feed(bytes.AsSpan(0, read));
        }

        lines.Finish();
    }
}
