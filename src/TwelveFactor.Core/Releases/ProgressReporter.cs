using System;
using System.Diagnostics;
using System.Threading;

namespace TwelveFactor.Core.Releases;

/// <summary>Reports progress at most every 100 ms so reporting never costs more than the work.</summary>
internal sealed class ProgressReporter
{
    private readonly IProgress<ReleaseProgress>? _sink;
    private readonly ReleaseOperation _operation;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly object _gate = new();
    private int _itemsTotal;
    private long _bytesTotal;
    private int _itemsDone;
    private long _bytesDone;
    private long _lastReport = -1000;

    internal ProgressReporter(IProgress<ReleaseProgress>? sink, ReleaseOperation operation)
    {
        _sink = sink;
        _operation = operation;
    }

    internal void SetTotals(int items, long bytes)
    {
        _itemsTotal = items;
        _bytesTotal = bytes;
        Report(null, force: true);
    }

    internal void Advance(long bytes, string item) => Advance(1, bytes, item);

    /// <summary>Counts several items done at once (a batch settled without reading them), with one report at most.</summary>
    internal void Advance(int items, long bytes, string item)
    {
        Interlocked.Add(ref _itemsDone, items);
        Interlocked.Add(ref _bytesDone, bytes);
        Report(item, force: false);
    }

    internal void Complete() => Report(null, force: true);

    private void Report(string? item, bool force)
    {
        if (_sink is null)
        {
            return;
        }

        lock (_gate)
        {
            long now = _clock.ElapsedMilliseconds;
            if (!force && now - _lastReport < 100)
            {
                return;
            }

            _lastReport = now;
            _sink.Report(new ReleaseProgress(_operation, Volatile.Read(ref _itemsDone), _itemsTotal, Interlocked.Read(ref _bytesDone), _bytesTotal, item));
        }
    }
}
