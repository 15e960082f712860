using System;

namespace TwelveFactor.Core.Tests.AdminProcesses;

/// <summary>
/// A test against a real Docker engine, found through TF_TEST_DOCKER_HOST (start one with
/// <c>tests/docker-engine.sh start</c>). Without it the test is skipped, except in CI (CI=true), where a
/// missing engine must fail the run rather than pass it quietly.
/// </summary>
public sealed class DockerFactAttribute : FactAttribute
{
    public DockerFactAttribute()
    {
        if (DockerTestEngine.Host is null && !DockerTestEngine.InCi)
        {
            Skip = $"No Docker engine for tests: set {DockerTestEngine.HostVariable} (tests/docker-engine.sh start prints it).";
        }
    }
}

internal static class DockerTestEngine
{
    public const string HostVariable = "TF_TEST_DOCKER_HOST";
    public const string ImageVariable = "TF_TEST_DOCKER_IMAGE";

    public static string? Host => Environment.GetEnvironmentVariable(HostVariable) is { Length: > 0 } host ? host : null;

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string RequiredHost =>
        Host ?? throw new InvalidOperationException($"CI=true but {HostVariable} is not set: .ci/run must start tests/docker-engine.sh.");

    public static string Image => Environment.GetEnvironmentVariable(ImageVariable) is { Length: > 0 } image ? image : "tf-busybox:test";
}
