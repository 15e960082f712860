using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Management.Automation;
using System.Threading.Tasks;
using TwelveFactor.Core;
using TwelveFactor.Core.Releases;
using TwelveFactor.Core.Releases.Stores;
using TwelveFactor.Resources;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Commands;

/// <summary>
/// What the release cmdlets share beyond the store (<see cref="StoreCommand"/>): running Core's async work on the
/// pipeline thread while showing its progress and asking its ShouldProcess questions there.
/// </summary>
public abstract class ReleaseCommand : StoreCommand
{
    private ProgressMailbox? _pipelineMailbox;
    private int _pipelineThread;

    /// <summary>
    /// Whether this cmdlet creates the store when it does not exist: only the ones that make releases do; a
    /// reading command given a store that does not exist fails with StoreNotFound.
    /// </summary>
    protected virtual bool CreatesStore => false;

    /// <summary>A release service over the command's store; terminating error when the store setting is unusable.</summary>
    protected ReleaseService OpenService()
    {
        try
        {
            return new ReleaseService(OpenStore(CreatesStore), ReleaseServiceOptions.FromEnvironment());
        }
        catch (ReleaseException ex)
        {
            ThrowTerminatingError(ErrorRecordFactory.From(ex));
            throw;
        }
    }

    /// <summary>
    /// Runs Core's async work, writing its progress and asking its ShouldProcess questions from this (the
    /// pipeline) thread, and returns its result.
    /// </summary>
    protected T RunWithProgress<T>(string activity, Func<IProgress<ReleaseProgress>, Task<T>> work)
    {
        var mailbox = new ProgressMailbox();
        var progress = new MailboxProgress(mailbox);
        _pipelineMailbox = mailbox;
        _pipelineThread = System.Environment.CurrentManagedThreadId;
        var record = new ProgressRecord(2, activity, "Starting");
        Task<T> task;
        try
        {
            task = work(progress);
            _ = task.ContinueWith(_ => mailbox.Complete(), TaskScheduler.Default);
            var questions = new List<object>();
            while (mailbox.Take(questions, out ReleaseProgress? update))
            {
                foreach (ShouldProcessRequest question in questions)
                {
                    Answer(question);
                }

                if (update is not null)
                {
                    record.StatusDescription = string.Format(CultureInfo.CurrentCulture, Strings.ReleaseProgressStatus, update.Operation, update.ItemsDone, update.ItemsTotal, update.BytesDone / 1048576.0, update.BytesTotal / 1048576.0);
                    record.CurrentOperation = update.CurrentItem ?? string.Empty;
                    record.PercentComplete = Math.Clamp(update.PercentComplete, 0, 100);
                    WriteProgress(record);
                }
            }
        }
        finally
        {
            _pipelineMailbox = null;
        }

        record.RecordType = ProgressRecordType.Completed;
        WriteProgress(record);
        return task.GetAwaiter().GetResult();
    }

    /// <summary>
    /// ShouldProcess as a delegate for Core: asked on the pipeline thread even when Core calls it from a worker
    /// thread inside <see cref="RunWithProgress{T}"/> (PowerShell allows prompts only from the pipeline thread).
    /// </summary>
    protected bool ShouldProcessFromWork(string target, string action)
    {
        ProgressMailbox? mailbox = _pipelineMailbox;
        if (mailbox is null || System.Environment.CurrentManagedThreadId == _pipelineThread)
        {
            return ShouldProcess(target, action);
        }

        var question = new ShouldProcessRequest(target, action);
        mailbox.Ask(question);
        return question.Answer.Task.GetAwaiter().GetResult();
    }

    /// <summary>An error record for a deploy folder that could not be written.</summary>
    protected static ErrorRecord PublishError(Exception ex, string app, string id, string destination) =>
        ErrorRecordFactory.Create(
            ProblemId.ReleasePublishFailed,
            new IOException(string.Format(CultureInfo.CurrentCulture, Strings.ReleasePublishFailed, id, app, destination, ex.Message), ex),
            destination);

    private void Answer(ShouldProcessRequest question)
    {
        try
        {
            question.Answer.SetResult(ShouldProcess(question.Target, question.Action));
        }
        catch (Exception ex)
        {
            // "Halt" or Ctrl+C at the prompt: the work sees the same exception, and so does the pipeline.
            question.Answer.SetException(ex);
            throw;
        }
    }

    private sealed record ShouldProcessRequest(string Target, string Action)
    {
        public TaskCompletionSource<bool> Answer { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class MailboxProgress : IProgress<ReleaseProgress>
    {
        private readonly ProgressMailbox _mailbox;

        public MailboxProgress(ProgressMailbox mailbox) => _mailbox = mailbox;

        public void Report(ReleaseProgress value) => _mailbox.Post(value);
    }
}
