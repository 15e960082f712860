using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TwelveFactor.Core.Releases;

namespace TwelveFactor.Core.Tests.Releases;

public sealed class ProgressMailboxTests
{
    private static ReleaseProgress Progress(int done) => new(ReleaseOperation.Storing, done, 1000, done, 1000, null);

    [Fact]
    public async Task Every_question_arrives_in_order_the_last_progress_arrives_and_completion_ends_the_wait()
    {
        // Many rounds, so a completion or a post that lands between the consumer's wake-up and its next wait is
        // exercised: a lost signal hangs the consumer, which the timeout turns into a failure.
        for (int round = 0; round < 2000; round++)
        {
            var mailbox = new ProgressMailbox();
            int posts = round % 7;
            var producer = Task.Run(() =>
            {
                for (int i = 1; i <= posts; i++)
                {
                    mailbox.Post(Progress(i));
                    if (i % 3 == 0)
                    {
                        mailbox.Ask("question " + i);
                    }
                }

                mailbox.Complete();
            });

            var consumer = Task.Run(() =>
            {
                var questions = new List<string>();
                int last = 0;
                var batch = new List<object>();
                while (mailbox.Take(batch, out ReleaseProgress? latest))
                {
                    questions.AddRange(batch.Cast<string>());
                    if (latest is not null)
                    {
                        Assert.True(latest.ItemsDone > last, "progress never goes back");
                        last = latest.ItemsDone;
                    }
                }

                return (questions, last);
            });

            var (asked, lastSeen) = await consumer.WaitAsync(TimeSpan.FromSeconds(10));
            await producer;
            Assert.Equal(Enumerable.Range(1, posts).Where(i => i % 3 == 0).Select(i => "question " + i), asked);
            Assert.Equal(posts, lastSeen);
        }
    }

    [Fact]
    public async Task Progress_after_completion_is_dropped_and_questions_before_it_are_still_handed_out()
    {
        var mailbox = new ProgressMailbox();
        mailbox.Ask("first");
        mailbox.Complete();
        mailbox.Post(Progress(5));

        // On a thread of its own with a timeout: a mailbox that loses the completion hangs here instead of failing.
        var taken = await Task.Run(() =>
        {
            var batch = new List<object>();
            bool first = mailbox.Take(batch, out ReleaseProgress? latest);
            var firstBatch = batch.ToList();
            bool second = mailbox.Take(batch, out _);
            return (first, firstBatch, latest, second, batch.Count);
        }).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(taken.first);
        Assert.Equal(new object[] { "first" }, taken.firstBatch);
        Assert.Null(taken.latest);
        Assert.False(taken.second);
        Assert.Equal(0, taken.Count);
    }
}
