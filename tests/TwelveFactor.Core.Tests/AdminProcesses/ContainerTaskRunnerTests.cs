using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Docker.DotNet;
using TwelveFactor.Core.AdminProcesses;
using TwelveFactor.Core.Supervision;
using TwelveFactor.Core.Foundation;
using static TwelveFactor.Core.Tests.AdminProcesses.TaskHarness;

namespace TwelveFactor.Core.Tests.AdminProcesses;

public sealed class ContainerTaskRunnerTests
{
    [DockerFact]
    public async Task ConfigIsTheContainersEnvironmentAndStreamsStayApart()
    {
        ContainerTaskSpec spec = Spec("echo \"A=$A\"; echo \"B=$B\"; echo \"C=${C-unset}\"; echo oops >&2; exit 4");
        spec = new ContainerTaskSpec
        {
            Image = spec.Image,
            Command = spec.Command,
            Environment = new Dictionary<string, string> { ["A"] = "config a", ["B"] = "config b", ["C"] = "config c" },
            Overrides = new Dictionary<string, string?> { ["B"] = "override b", ["C"] = null },
        };

        (List<TaskOutputLine> lines, AdminTaskOutcome outcome, string id) = await RunAsync(spec);

        Assert.Equal(new[] { "A=config a", "B=override b", "C=unset" }, lines.Stdout());
        Assert.Equal(new[] { "oops" }, lines.Stderr());
        Assert.Equal(4, outcome.ExitCode);
        await AssertRemovedAsync(id);
    }

    [DockerFact]
    public async Task OutputArrivesWhileTheContainerRuns()
    {
        using RunningAdminTask task = await Runner().StartAsync(Spec("echo first; sleep 3; echo second"));

        Assert.Equal("first", (await ReadOneAsync(task)).Line);
        Assert.False(task.Completion.IsCompleted, "the first line must arrive before the container ends");
        Assert.Equal(new[] { "second" }, (await DrainAsync(task)).Stdout());
        Assert.Equal(0, (await task.Completion.WaitAsync(Patience)).ExitCode);
    }

    [DockerFact]
    public async Task ATimeoutStopsTheContainerGracefully()
    {
        ContainerTaskSpec spec = WithStop(Spec("trap 'echo got TERM; exit 3' TERM; echo ready; while true; do sleep 0.1; done"), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(20));

        (List<TaskOutputLine> lines, AdminTaskOutcome outcome, string id) = await RunAsync(spec);

        Assert.Equal(new[] { "ready", "got TERM" }, lines.Stdout());
        Assert.True(outcome.TimedOut);
        Assert.False(outcome.Killed);
        Assert.Equal(3, outcome.ExitCode);
        await AssertRemovedAsync(id);
    }

    [DockerFact]
    public async Task AContainerThatIgnoresTermIsKilledAfterTheGracePeriod()
    {
        ContainerTaskSpec spec = WithStop(Spec("trap '' TERM; echo ready; while true; do sleep 0.1; done"), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));

        (List<TaskOutputLine> lines, AdminTaskOutcome outcome, string id) = await RunAsync(spec);

        Assert.Equal(new[] { "ready" }, lines.Stdout());
        Assert.True(outcome.TimedOut);
        Assert.True(outcome.Killed);
        Assert.Equal(137, outcome.ExitCode);
        await AssertRemovedAsync(id);
    }

    [DockerFact]
    public async Task CancellationStopsTheContainerAndRemovesIt()
    {
        using var cancel = new CancellationTokenSource();
        ContainerTaskSpec spec = WithStop(Spec("echo ready; while true; do sleep 0.1; done"), timeout: null, grace: TimeSpan.FromSeconds(5));
        using RunningAdminTask task = await Runner().StartAsync(spec, cancel.Token);
        Assert.Equal("ready", (await ReadOneAsync(task)).Line);

        cancel.Cancel();
        await DrainAsync(task);
        AdminTaskOutcome outcome = await task.Completion.WaitAsync(Patience);

        Assert.True(outcome.Cancelled);
        await AssertRemovedAsync(task.Id);
    }

    [DockerFact]
    public async Task LoggingCommandsAreNeutralised()
    {
        ContainerTaskSpec spec = new()
        {
            Image = DockerTestEngine.Image,
            Command = new[] { "/bin/sh", "-c", "echo '##vso[task.setvariable variable=A]b'; echo '##vso[task.complete]' >&2" },
            NeutraliseLoggingCommands = true,
        };

        (List<TaskOutputLine> lines, _, _) = await RunAsync(spec);

        Assert.Equal(new[] { "**vso[task.setvariable variable=A]b" }, lines.Stdout());
        Assert.Equal(new[] { "**vso[task.complete]" }, lines.Stderr());
    }

    [DockerFact]
    public async Task ManyLinesAllArriveInOrder()
    {
        ContainerTaskSpec spec = new() { Image = DockerTestEngine.Image, Command = new[] { "seq", "1", "200000" }, OutputBufferChunks = 1 };

        (List<TaskOutputLine> lines, AdminTaskOutcome outcome, _) = await RunAsync(spec);

        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal(Enumerable.Range(1, 200000).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)), lines.Stdout());
    }

    [DockerFact]
    public async Task AReaderThatDoesNotReadMakesTheContainerWait()
    {
        ContainerTaskSpec spec = new() { Image = DockerTestEngine.Image, Command = new[] { "seq", "1", "3000000" }, OutputBufferChunks = 1 };
        using RunningAdminTask task = await Runner().StartAsync(spec);

        await Task.Delay(2000);

        Assert.False(task.Completion.IsCompleted, "20 MB of output cannot fit a one-chunk buffer: the container must be waiting");
        List<TaskOutputLine> lines = await DrainAsync(task);
        Assert.Equal(3000000, lines.Count);
        Assert.Equal("3000000", lines[^1].Line);
    }

    [DockerFact]
    public async Task AMissingImageIsImageNotFound()
    {
        var ex = await Assert.ThrowsAsync<AdminTaskException>(() => Runner().StartAsync(new ContainerTaskSpec { Image = "tf-no-such-image:nope" }));

        Assert.Equal(ProblemId.DockerImageNotFound, ex.Problem);
        Assert.Equal("tf-no-such-image:nope", ex.Target);
        Assert.Contains("'tf-no-such-image:nope'", ex.Message);
    }

    [Fact]
    public async Task AnEngineThatDoesNotAnswerIsEngineUnreachable()
    {
        string endpoint = $"unix:///tmp/tf-no-engine-{Guid.NewGuid():N}.sock";

        var ex = await Assert.ThrowsAsync<AdminTaskException>(() => new ContainerTaskRunner(endpoint).StartAsync(new ContainerTaskSpec { Image = "any:1" }));

        Assert.Equal(ProblemId.DockerEngineUnreachable, ex.Problem);
        Assert.Equal(endpoint, ex.Target);
        Assert.Contains(endpoint, ex.Message);
    }

    [Fact]
    public async Task AnEndpointPasswordNeverAppearsInTheError()
    {
        var ex = await Assert.ThrowsAsync<AdminTaskException>(() => new ContainerTaskRunner("tcp://admin:hunter2@127.0.0.1:1").StartAsync(new ContainerTaskSpec { Image = "any:1" }));

        Assert.Equal(ProblemId.DockerEngineUnreachable, ex.Problem);
        Assert.DoesNotContain("hunter2", ex.Message);
        Assert.DoesNotContain("hunter2", ex.Target);
    }

    [Fact]
    public void DockerHostIsHonouredAndTheDefaultIsTheLocalSocket()
    {
        Assert.Equal("tcp://example:2375", new ContainerTaskRunner("tcp://example:2375").Endpoint);
        Assert.Equal(OperatingSystem.IsWindows() ? "npipe://./pipe/docker_engine" : "unix:///var/run/docker.sock", ContainerTaskRunner.DefaultEndpoint);
        string? saved = ModuleSettings.Read(ModuleSettings.DockerHostVariable);
        try
        {
            Environment.SetEnvironmentVariable(ModuleSettings.DockerHostVariable, "unix:///tmp/from-env.sock");
            Assert.Equal("unix:///tmp/from-env.sock", new ContainerTaskRunner().Endpoint);
            Environment.SetEnvironmentVariable(ModuleSettings.DockerHostVariable, null);
            Assert.Equal(ContainerTaskRunner.DefaultEndpoint, new ContainerTaskRunner().Endpoint);
        }
        finally
        {
            Environment.SetEnvironmentVariable(ModuleSettings.DockerHostVariable, saved);
        }
    }

    private static ContainerTaskRunner Runner() => new(DockerTestEngine.RequiredHost);

    private static ContainerTaskSpec Spec(string script) => new()
    {
        Image = DockerTestEngine.Image,
        Command = new[] { "/bin/sh", "-c", script },
    };

    private static ContainerTaskSpec WithStop(ContainerTaskSpec spec, TimeSpan? timeout, TimeSpan grace) => new()
    {
        Image = spec.Image,
        Command = spec.Command,
        Timeout = timeout,
        ShutdownGracePeriod = grace,
    };

    private static async Task<(List<TaskOutputLine> Lines, AdminTaskOutcome Outcome, string Id)> RunAsync(ContainerTaskSpec spec)
    {
        using RunningAdminTask task = await Runner().StartAsync(spec);
        List<TaskOutputLine> lines = await DrainAsync(task);
        return (lines, await task.Completion.WaitAsync(Patience), task.Id);
    }

    private static async Task AssertRemovedAsync(string id)
    {
        using DockerClient client = new DockerClientBuilder().WithEndpoint(new Uri(DockerTestEngine.RequiredHost)).Build();
        await Assert.ThrowsAsync<DockerContainerNotFoundException>(() => client.Containers.InspectContainerAsync(id));
    }
}
