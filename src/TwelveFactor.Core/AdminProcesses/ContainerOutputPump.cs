using System;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet;

using TwelveFactor.Core.Supervision;
namespace TwelveFactor.Core.AdminProcesses;

/// <summary>
/// Reads a container's attached, multiplexed output (no TTY, so the engine frames stdout and stderr apart) on
/// a thread of its own and hands each frame to the line assembler of its stream. Waiting in the channel
/// stops the reads, the engine's buffer fills and the container blocks in its write: the same backpressure as
/// for a process.
/// </summary>
internal sealed class ContainerOutputPump
{
    private const int ReadSize = 64 * 1024;

    private readonly MultiplexedStream _stream;
    private readonly LineAssembler _stdout;
    private readonly LineAssembler _stderr;
    private readonly CancellationToken _abort;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public ContainerOutputPump(MultiplexedStream stream, LineAssembler stdout, LineAssembler stderr, CancellationToken abort)
    {
        _stream = stream;
        _stdout = stdout;
        _stderr = stderr;
        _abort = abort;
    }

    public Task Completion => _done.Task;

    public void Start()
    {
        var thread = new Thread(Run) { IsBackground = true, Name = "TwelveFactor container output" };
        thread.Start();
    }

    private void Run()
    {
        try
        {
            byte[] buffer = new byte[ReadSize];
            while (true)
            {
                MultiplexedStream.ReadResult result = _stream.ReadOutputAsync(buffer, 0, buffer.Length, _abort).GetAwaiter().GetResult();
                if (result.EOF)
                {
                    break;
                }

                LineAssembler target = result.Target == MultiplexedStream.TargetStream.StandardError ? _stderr : _stdout;
                target.Feed(buffer.AsSpan(0, result.Count));
            }

            _stdout.Finish();
            _stderr.Finish();
            _done.TrySetResult();
        }
        catch (Exception ex) when (ex is OperationCanceledException or System.Threading.Channels.ChannelClosedException or ObjectDisposedException or System.IO.IOException or System.Net.Http.HttpRequestException)
        {
            // Aborted by the runner, or the connection to the engine closed: the end of the output either way.
            _done.TrySetResult();
        }
        catch (Exception ex)
        {
            _done.TrySetException(ex);
        }
    }
}
