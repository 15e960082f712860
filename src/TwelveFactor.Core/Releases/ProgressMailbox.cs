using System.Collections.Generic;
using System.Threading;

namespace TwelveFactor.Core.Releases;

/// <summary>
/// What Core's work, on other threads, hands the thread that waits for it (a cmdlet's pipeline thread): questions
/// (ShouldProcess), in order, and the latest progress only (older updates are replaced, not queued). The waiting
/// thread sleeps in a kernel wait with no spinning: a BlockingCollection's wait spun between updates and took a
/// core from a release's walk on a two-core machine.
/// </summary>
public sealed class ProgressMailbox
{
    private readonly object _gate = new();
    private readonly Queue<object> _questions = new();
    private readonly ManualResetEventSlim _signal = new(initialState: false, spinCount: 0);
    private ReleaseProgress? _latest;
    private bool _completed;

    /// <summary>Keeps <paramref name="progress"/> as the latest update (replacing any not yet taken).</summary>
    public void Post(ReleaseProgress progress)
    {
        lock (_gate)
        {
            if (_completed)
            {
                return;
            }

            _latest = progress;
        }

        _signal.Set();
    }

    /// <summary>Queues a question for the pipeline thread.</summary>
    public void Ask(object question)
    {
        lock (_gate)
        {
            _questions.Enqueue(question);
        }

        _signal.Set();
    }

    /// <summary>No more progress: the work is done (questions still queued are still handed out).</summary>
    public void Complete()
    {
        lock (_gate)
        {
            _completed = true;
        }

        _signal.Set();
    }

    /// <summary>
    /// Waits for the next questions and the latest progress; false once the work is complete and every question
    /// has been taken.
    /// </summary>
    public bool Take(List<object> questions, out ReleaseProgress? latest)
    {
        while (true)
        {
            // Reset, then look, then wait: whatever is posted after the reset sets the signal again, and whatever
            // came before it is seen by the look.
            _signal.Reset();
            lock (_gate)
            {
                questions.Clear();
                while (_questions.Count > 0)
                {
                    questions.Add(_questions.Dequeue());
                }

                latest = _latest;
                _latest = null;
                if (questions.Count > 0 || latest is not null)
                {
                    return true;
                }

                if (_completed)
                {
                    return false;
                }
            }

            _signal.Wait();
        }
    }
}
