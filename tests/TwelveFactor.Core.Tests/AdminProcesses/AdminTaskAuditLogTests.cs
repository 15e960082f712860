using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

using TwelveFactor.Core.AdminProcesses;
namespace TwelveFactor.Core.Tests.AdminProcesses;

public sealed class AdminTaskAuditLogTests
{
    private static readonly AdminTaskOutcome Outcome =
        new(exitCode: 2, startedAt: new DateTimeOffset(2026, 11, 23, 21, 0, 0, TimeSpan.Zero), duration: TimeSpan.FromMilliseconds(1234), timedOut: true, cancelled: false, killed: false);

    [Fact]
    public void RecordsRoundTripAndTheLastComeOldestFirst()
    {
        var log = new AdminTaskAuditLog(TaskHarness.TempDirectory());
        for (int i = 1; i <= 5; i++)
        {
            log.Append(Record($"v{i % 2}", $"task{i}"));
        }

        IReadOnlyList<AdminTaskAuditRecord> last = log.ReadLast(3);

        Assert.Equal(new[] { "task3", "task4", "task5" }, last.Select(r => r.Command));
        AdminTaskAuditRecord record = last[^1];
        Assert.Equal("v1", record.ReleaseId);
        Assert.Equal("production", record.Environment);
        Assert.Equal(new[] { "migrate", "--verbose" }, record.Arguments);
        Assert.Equal(new[] { "FEATURE_X" }, record.OverriddenKeys);
        Assert.Equal(2, record.ExitCode);
        Assert.Equal(TimeSpan.FromMilliseconds(1234), record.Duration);
        Assert.True(record.TimedOut);
        Assert.Equal(Outcome.StartedAt, record.StartedAt);
        Assert.Equal(Environment.UserName, record.User);
    }

    [Fact]
    public void TheReleaseAndEnvironmentFiltersApply()
    {
        var log = new AdminTaskAuditLog(TaskHarness.TempDirectory());
        for (int i = 1; i <= 6; i++)
        {
            log.Append(Record($"v{i % 3}", $"task{i}"));
        }

        Assert.Equal(new[] { "task2", "task5" }, log.ReadLast(10, releaseId: "V2").Select(r => r.Command));
        Assert.Equal(new[] { "task5" }, log.ReadLast(1, releaseId: "v2").Select(r => r.Command));
        Assert.Empty(log.ReadLast(10, environment: "staging"));
        Assert.Empty(log.ReadLast(0));
    }

    [Fact]
    public void AMissingLogReadsAsEmpty()
    {
        Assert.Empty(new AdminTaskAuditLog(Path.Combine(TaskHarness.TempDirectory(), "no-store-yet")).ReadLast(10));
    }

    [Fact]
    public void ATornLineIsSkippedAndHealedByTheNextAppend()
    {
        var log = new AdminTaskAuditLog(TaskHarness.TempDirectory());
        log.Append(Record("v1", "first"));
        File.AppendAllText(log.Location, "{\"startedAt\":\"2026-11-2"); // a crash mid-write

        log.Append(Record("v1", "second"));

        Assert.Equal(new[] { "first", "second" }, log.ReadLast(10).Select(r => r.Command));
        Assert.Equal(3, File.ReadAllLines(log.Location).Length);
    }

    [Fact]
    public void ManyRecordsAcrossBlocksReadBackInOrder()
    {
        var log = new AdminTaskAuditLog(TaskHarness.TempDirectory());
        for (int i = 0; i < 600; i++)
        {
            log.Append(Record("v1", $"task{i}"));
        }

        Assert.True(new FileInfo(log.Location).Length > 64 * 1024, "the test must cross a read block");
        Assert.Equal(Enumerable.Range(0, 600).Select(i => $"task{i}"), log.ReadLast(600).Select(r => r.Command));
    }

    [Fact]
    public void SecretsNeverReachTheLog()
    {
        var config = new Dictionary<string, string>
        {
            ["DATABASE_URL"] = "postgres://app:hunter2@db/app",
            ["API_TOKEN"] = "tok-123456",
            ["PORT"] = "5000",
        };
        var log = new AdminTaskAuditLog(TaskHarness.TempDirectory());
        AdminTaskAuditRecord record = AdminTaskAuditRecord.Create(
            "psql",
            new[] { "postgres://app:hunter2@db/app", "--token", "tok-123456", "--password=letmein", "https://u:pw@example.org/x", "--port", "5000" },
            Outcome,
            "v1",
            "production",
            config,
            overriddenKeys: new[] { "API_TOKEN" });

        log.Append(record);
        string text = File.ReadAllText(log.Location);

        foreach (string secret in new[] { "hunter2", "tok-123456", "letmein", ":pw@" })
        {
            Assert.DoesNotContain(secret, text);
        }

        Assert.Equal(new[] { "********", "--token", "********", "--password=********", "https://u:********@example.org/x", "--port", "5000" }, log.ReadLast(1)[0].Arguments);
        Assert.Contains("API_TOKEN", text);
    }

    private static AdminTaskAuditRecord Record(string release, string command) =>
        AdminTaskAuditRecord.Create(
            command,
            new[] { "migrate", "--verbose" },
            Outcome,
            release,
            "production",
            overriddenKeys: new[] { "FEATURE_X" });
}
