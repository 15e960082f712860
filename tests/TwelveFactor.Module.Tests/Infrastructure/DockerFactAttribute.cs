using System;

namespace TwelveFactor.Module.Tests.Infrastructure;

/// <summary>
/// A test against a real Docker engine found through TF_TEST_DOCKER_HOST (tests/docker-engine.sh start prints it;
/// .ci/run starts one). Skipped without it, except under CI=true, where a missing engine must fail the run.
/// </summary>
public sealed class DockerFactAttribute : FactAttribute
{
    public const string HostVariable = "TF_TEST_DOCKER_HOST";
    public const string ImageVariable = "TF_TEST_DOCKER_IMAGE";

    public DockerFactAttribute()
    {
        bool inCi = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);
        if (Host is null && !inCi)
        {
            Skip = $"No Docker engine for tests: set {HostVariable} (tests/docker-engine.sh start prints it).";
        }
    }

    public static string? Host => Environment.GetEnvironmentVariable(HostVariable) is { Length: > 0 } host ? host : null;

    public static string RequiredHost => Host ?? throw new InvalidOperationException($"CI=true but {HostVariable} is not set: .ci/run must start tests/docker-engine.sh.");

    public static string Image => Environment.GetEnvironmentVariable(ImageVariable) is { Length: > 0 } image ? image : "tf-busybox:test";
}
