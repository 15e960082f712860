using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Docker.DotNet;
using Docker.DotNet.Models;
using TwelveFactor.Core.Config;
using TwelveFactor.Core.Resources;

using TwelveFactor.Core.Foundation.Secrets;
using TwelveFactor.Core.Supervision;
using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Core.AdminProcesses;

/// <summary>
/// Runs one-off admin tasks in Docker containers: the release's image, its config as the container's
/// environment, output streamed live into the same kind of channel as <see cref="AdminTaskRunner"/>, the exit
/// code, a timeout or cancellation that stops the container with <c>docker stop</c> semantics (the image's stop
/// signal, SIGTERM by default, then SIGKILL after the grace period), and the container removed afterwards,
/// whatever happened.
/// </summary>
/// <remarks>
/// The engine is the one <c>DOCKER_HOST</c> names, read when the runner is made (the docker CLI's rule), else
/// the platform's default socket. Docker contexts are not read. No third-party type appears in this class's
/// public surface, so the Docker client stays an implementation detail loaded in the module's own load context.
/// </remarks>
public sealed class ContainerTaskRunner
{
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan OutputDrainLimit = TimeSpan.FromSeconds(5);

    /// <summary>A runner for the engine that DOCKER_HOST names, or the platform's default.</summary>
    public ContainerTaskRunner()
        : this(null)
    {
    }

    /// <summary>A runner for the given engine endpoint (<c>unix:///path</c>, <c>tcp://host:port</c>, <c>npipe://./pipe/name</c>).</summary>
    public ContainerTaskRunner(string? dockerHost)
    {
        string? host = string.IsNullOrWhiteSpace(dockerHost) ? ModuleSettings.Read(ModuleSettings.DockerHostVariable) : dockerHost;
        Endpoint = string.IsNullOrWhiteSpace(host) ? DefaultEndpoint : host.Trim();
    }

    /// <summary>The platform's default engine endpoint.</summary>
    public static string DefaultEndpoint =>
        OperatingSystem.IsWindows() ? "npipe://./pipe/docker_engine" : "unix:///var/run/docker.sock";

    /// <summary>The engine this runner talks to.</summary>
    public string Endpoint { get; }

    /// <summary>
    /// Creates, attaches and starts the container. Throws <see cref="AdminTaskException"/> (EngineUnreachable,
    /// ImageNotFound, ContainerFailed, EnvironmentInvalid); no container is left behind then.
    /// </summary>
    public async Task<RunningAdminTask> StartAsync(ContainerTaskSpec spec, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentException.ThrowIfNullOrWhiteSpace(spec.Image, nameof(spec));
        if (spec.ShutdownGracePeriod < TimeSpan.Zero || (spec.Timeout is { } t && t <= TimeSpan.Zero) || spec.OutputBufferChunks < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(spec), "ShutdownGracePeriod must not be negative, Timeout must be positive and OutputBufferChunks at least 1.");
        }

        cancellationToken.ThrowIfCancellationRequested();
        List<string> environment = BuildEnvironment(spec);
        DockerClient client = Connect();
        string? containerId = null;
        MultiplexedStream? attached = null;
        try
        {
            await PingAsync(client, cancellationToken).ConfigureAwait(false);
            await InspectImageAsync(client, spec.Image, cancellationToken).ConfigureAwait(false);

            var parameters = new CreateContainerParameters
            {
                Image = spec.Image,
                Env = environment,
                AttachStdout = true,
                AttachStderr = true,
                Tty = false,
                OpenStdin = false,
                Labels = new Dictionary<string, string> { ["io.twelvefactor.admin-task"] = "true" },
                HostConfig = new HostConfig
                {
                    NetworkMode = spec.Network ?? string.Empty,

                    // The output is streamed through the attach connection; a log driver would also write it
                    // all to the engine's disk (200 MB for a 200 MB task) just to delete it with the container.
                    LogConfig = new LogConfig { Type = "none", Config = new Dictionary<string, string>() },
                },
            };
            if (spec.Command.Count > 0)
            {
                parameters.Cmd = new List<string>(spec.Command);
            }

            if (spec.WorkingDirectory is not null)
            {
                parameters.WorkingDir = spec.WorkingDirectory;
            }

            containerId = (await EngineCallAsync(spec.Image, () => client.Containers.CreateContainerAsync(parameters, cancellationToken)).ConfigureAwait(false)).ID;
            string id = containerId;
            ContainerInspectResponse created = await EngineCallAsync(spec.Image, () => client.Containers.InspectContainerAsync(id, cancellationToken)).ConfigureAwait(false);
            string stopSignal = string.IsNullOrEmpty(created.Config?.StopSignal) ? "SIGTERM" : created.Config!.StopSignal!;

            // Attach before the start, or the first lines could be written before anyone listens.
            attached = await EngineCallAsync(spec.Image, () => client.Containers.AttachContainerAsync(
                id,
                new ContainerAttachParameters { Stream = true, Stdout = true, Stderr = true },
                cancellationToken)).ConfigureAwait(false);

            var channel = Channel.CreateBounded<TaskOutputLine[]>(new BoundedChannelOptions(spec.OutputBufferChunks)
            {
                SingleReader = true,
                SingleWriter = true,
                FullMode = BoundedChannelFullMode.Wait,

                // The only continuations are the two blocked threads (pump and pipeline) waking each other;
                // running them inline spares a thread-pool hop per batch, which cost a fifth of a core.
                AllowSynchronousContinuations = true,
            });
            var abandon = new CancellationTokenSource();
            Encoding encoding = spec.OutputEncoding ?? new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
            var pump = new ContainerOutputPump(
                attached,
                new LineAssembler(OutputKind.Stdout, channel.Writer, encoding, spec.NeutraliseLoggingCommands, abandon.Token),
                new LineAssembler(OutputKind.Stderr, channel.Writer, encoding, spec.NeutraliseLoggingCommands, abandon.Token),
                abandon.Token);

            DateTimeOffset startedAt = DateTimeOffset.UtcNow;
            long startTimestamp = Stopwatch.GetTimestamp();
            await EngineCallAsync(spec.Image, () => client.Containers.StartContainerAsync(id, new ContainerStartParameters(), cancellationToken)).ConfigureAwait(false);
            pump.Start();

            // The caller's stop, or this process ending: the engine keeps a container running after pwsh is gone.
            var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var supervision = new ContainerSupervisor(client, id, stopSignal, attached, pump, channel.Writer, spec, startTimestamp, stop.Token);
            var running = new RunningAdminTask(new LineBatchReader(channel.Reader), ct => supervision.OutcomeAsync(startedAt, ct), abandon, startedAt, id);
            running.StopBeforeProcessExit(stop, spec.ShutdownGracePeriod);
            return running;
        }
        catch
        {
            attached?.Dispose();
            if (containerId is not null)
            {
                await RemoveAsync(client, containerId).ConfigureAwait(false);
            }

            client.Dispose();
            throw;
        }
    }

    private static List<string> BuildEnvironment(ContainerTaskSpec spec)
    {
        var merged = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, string> entry in spec.Environment)
        {
            ChildEnvironment.Validate(entry.Key, entry.Value);
            merged[entry.Key] = entry.Value;
        }

        foreach (KeyValuePair<string, string?> entry in spec.Overrides)
        {
            ChildEnvironment.Validate(entry.Key, entry.Value);
            if (entry.Value is null)
            {
                merged.Remove(entry.Key);
            }
            else
            {
                merged[entry.Key] = entry.Value;
            }
        }

        var list = new List<string>(merged.Count);
        foreach (KeyValuePair<string, string> entry in merged)
        {
            list.Add(entry.Key + "=" + entry.Value);
        }

        return list;
    }

    private DockerClient Connect()
    {
        if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out Uri? uri))
        {
            throw Unreachable(CoreStrings.AdminTaskEndpointInvalid, null);
        }

        try
        {
            return new DockerClientBuilder().WithEndpoint(uri).Build();
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw Unreachable(ex.Message, ex);
        }
    }

    private async Task PingAsync(DockerClient client, CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(PingTimeout);
        try
        {
            await client.System.PingAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            throw Unreachable(ex is OperationCanceledException ? CoreStrings.AdminTaskEngineTimedOut : ex.GetBaseException().Message, ex);
        }
    }

    private static async Task InspectImageAsync(DockerClient client, string image, CancellationToken cancellationToken)
    {
        try
        {
            await client.Images.InspectImageAsync(image, cancellationToken).ConfigureAwait(false);
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound || ex is Docker.DotNet.DockerImageNotFoundException)
        {
            throw new AdminTaskException(
                ProblemId.DockerImageNotFound,
                image,
                string.Format(CultureInfo.CurrentCulture, CoreStrings.AdminTaskImageNotFound, image),
                ex);
        }
        catch (DockerApiException ex) when (ex.StatusCode == HttpStatusCode.BadRequest)
        {
            // An invalid reference ("UPPER:case", "a b") is an image the engine cannot have.
            throw new AdminTaskException(
                ProblemId.DockerImageNotFound,
                image,
                string.Format(CultureInfo.CurrentCulture, CoreStrings.AdminTaskImageNotFound, image),
                ex);
        }
    }

    // The engine answered with an error: ContainerFailed with the engine's own message (which never holds the
    // environment: Docker does not echo it). The connection failed: EngineUnreachable.
    private async Task<T> EngineCallAsync<T>(string image, Func<Task<T>> call)
    {
        try
        {
            return await call().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is System.Net.Http.HttpRequestException or System.IO.IOException or System.Net.Sockets.SocketException)
        {
            throw Unreachable(ex.GetBaseException().Message, ex);
        }
        catch (DockerApiException ex)
        {
            throw new AdminTaskException(
                ProblemId.AdminTaskContainerFailed,
                image,
                string.Format(CultureInfo.CurrentCulture, CoreStrings.AdminTaskContainerFailed, image, EngineMessage(ex)),
                ex);
        }
    }

    private static string EngineMessage(DockerApiException ex)
    {
        string body = ex.ResponseBody ?? string.Empty;
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("message", out System.Text.Json.JsonElement message))
            {
                return message.GetString() ?? body;
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON: the body as it came.
        }

        return body.Trim();
    }

    private static async Task RemoveAsync(DockerClient client, string containerId)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await client.Containers.RemoveContainerAsync(containerId, new ContainerRemoveParameters { Force = true }, limit.Token).ConfigureAwait(false);
        }
        catch (DockerContainerNotFoundException)
        {
            // Already gone.
        }
        catch (Exception ex) when (ex is DockerApiException or System.Net.Http.HttpRequestException or OperationCanceledException or System.IO.IOException)
        {
            // The engine went away; there is nothing left to remove it with.
        }
    }

    private AdminTaskException Unreachable(string reason, Exception? inner)
    {
        // DOCKER_HOST may carry credentials (tcp://user:pass@host): show it masked.
        string endpoint = UrlMasker.MaskPassword(Endpoint);
        return new AdminTaskException(
            ProblemId.DockerEngineUnreachable,
            endpoint,
            string.Format(CultureInfo.CurrentCulture, CoreStrings.AdminTaskEngineUnreachable, endpoint, reason),
            inner);
    }

    /// <summary>Watches one container from start to removal: docker stop's signal, grace period and SIGKILL.</summary>
    private sealed class ContainerSupervisor : Supervisor
    {
        private readonly DockerClient _client;
        private readonly string _id;
        private readonly string _stopSignal;
        private readonly MultiplexedStream _attached;
        private readonly ContainerOutputPump _pump;
        private readonly ChannelWriter<TaskOutputLine[]> _output;

        public ContainerSupervisor(DockerClient client, string id, string stopSignal, MultiplexedStream attached, ContainerOutputPump pump, ChannelWriter<TaskOutputLine[]> output, ContainerTaskSpec spec, long startTimestamp, CancellationToken cancellation)
            : base(spec.Timeout, spec.ShutdownGracePeriod, startTimestamp, cancellation)
        {
            _client = client;
            _id = id;
            _stopSignal = stopSignal;
            _attached = attached;
            _pump = pump;
            _output = output;
        }

        // Not cancelled by abandon: after SIGKILL the wait ends on its own, and its answer is the exit code.
        protected override async Task<int> WaitForExitAsync() =>
            (int)(await _client.Containers.WaitContainerAsync(_id, CancellationToken.None).ConfigureAwait(false)).StatusCode;

        protected override Task RequestStopAsync() => SignalAsync(_stopSignal);

        protected override Task KillAsync() => SignalAsync("SIGKILL");

        protected override Task DrainAsync(CancellationToken abandon) =>
            Task.WhenAny(_pump.Completion, Task.Delay(OutputDrainLimit, abandon));

        protected override async Task CleanUpAsync()
        {
            _output.TryComplete();
            _attached.Dispose();
            await RemoveAsync(_client, _id).ConfigureAwait(false);
            _client.Dispose();
        }

        private async Task SignalAsync(string signal)
        {
            try
            {
                await _client.Containers.KillContainerAsync(_id, new ContainerKillParameters { Signal = signal }, CancellationToken.None).ConfigureAwait(false);
            }
            catch (DockerApiException)
            {
                // 409: it is not running any more, which is what we wanted.
            }
        }
    }
}
