using System;
using System.Diagnostics;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace TwelveFactor.Core.Processes;

/// <summary>
/// Reads one of the task's streams on a thread of its own and writes each line to the output channel as soon
/// as it is complete. When the channel is full the thread waits, the pipe fills, and the task blocks in its
/// own write: that is the backpressure that keeps memory flat however much the task prints.
/// </summary>
/// <remarks>
/// A dedicated thread with blocking reads, not async reads on the thread pool: anonymous pipes have no true
/// async reads on Unix (the pool would block anyway), and a read that never ends (a descendant that escaped
/// the process group still holds the pipe) then ties up only this thread, which the runner can abandon.
/// </remarks>
internal sealed class OutputPump
{
    /// <summary>A line longer than this (in chars) is delivered in pieces of this size.</summary>
    public const int MaxLineLength = 64 * 1024;

    private const int ReadSize = 64 * 1024;

    private readonly Stream _stream;
    private readonly OutputKind _kind;
    private readonly ChannelWriter<TaskOutputLine> _writer;
    private readonly Encoding _encoding;
    private readonly bool _neutralise;
    private readonly CancellationToken _abort;
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _waitingSince; // Stopwatch timestamp while blocked in a read, 0 otherwise.

    public OutputPump(Stream stream, OutputKind kind, ChannelWriter<TaskOutputLine> writer, Encoding encoding, bool neutralise, CancellationToken abort)
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
        Decoder decoder = _encoding.GetDecoder();
        byte[] bytes = new byte[ReadSize];
        char[] chars = new char[_encoding.GetMaxCharCount(ReadSize)];
        var pending = new StringBuilder();

        while (true)
        {
            Interlocked.Exchange(ref _waitingSince, Stopwatch.GetTimestamp());
            int read = _stream.Read(bytes, 0, bytes.Length);
            Interlocked.Exchange(ref _waitingSince, 0);
            if (read == 0)
            {
                break;
            }

            int count = decoder.GetChars(bytes, 0, read, chars, 0, flush: false);
            Split(chars.AsSpan(0, count), pending);
        }

        int last = decoder.GetChars(bytes, 0, 0, chars, 0, flush: true);
        Split(chars.AsSpan(0, last), pending);
        if (pending.Length > 0)
        {
            Emit(TakeLine(pending));
        }
    }

    private void Split(ReadOnlySpan<char> chars, StringBuilder pending)
    {
        while (!chars.IsEmpty)
        {
            int newline = chars.IndexOf('\n');
            if (newline < 0)
            {
                Append(pending, chars);
                return;
            }

            ReadOnlySpan<char> segment = chars[..newline];
            chars = chars[(newline + 1)..];
            if (pending.Length == 0)
            {
                Emit(new string(segment.EndsWith("\r") ? segment[..^1] : segment));
            }
            else
            {
                pending.Append(segment);
                if (pending[^1] == '\r')
                {
                    pending.Length--;
                }

                Emit(TakeLine(pending));
            }
        }
    }

    // Keeps a partial line, delivering full-size pieces of a line that never ends.
    private void Append(StringBuilder pending, ReadOnlySpan<char> chars)
    {
        while (pending.Length + chars.Length > MaxLineLength)
        {
            int take = MaxLineLength - pending.Length;
            pending.Append(chars[..take]);
            chars = chars[take..];
            Emit(TakeLine(pending));
        }

        pending.Append(chars);
    }

    private static string TakeLine(StringBuilder pending)
    {
        string line = pending.ToString();
        pending.Clear();
        return line;
    }

    private void Emit(string line)
    {
        var item = new TaskOutputLine(_kind, _neutralise ? LoggingCommandFilter.Neutralise(line) : line);
        if (!_writer.TryWrite(item))
        {
            _writer.WriteAsync(item, _abort).AsTask().GetAwaiter().GetResult();
        }
    }
}
