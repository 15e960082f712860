using System.IO;
using System.Linq;
using TwelveFactor.Module.Tests.Infrastructure;

namespace TwelveFactor.Module.Tests;

/// <summary>Invoke-TfAdminTask -Container against a real Docker engine.</summary>
public sealed class AdminTaskContainerTests
{
    private static PowerShellSession App()
    {
        var ps = new PowerShellSession();
        File.WriteAllText(ps.PathOf(".env.staging"), "GREETING=hello from staging\nAPI_TOKEN=tok-container-3\n");
        ps.Run("$env:DOCKER_HOST = $h; $env:TF_RELEASE_STORE = $s",
            new() { ["h"] = DockerFactAttribute.RequiredHost, ["s"] = ps.PathOf("store") }).AssertNoErrors();
        return ps;
    }

    [DockerFact]
    public void Runs_in_a_container_with_the_config_streams_output_and_returns_the_exit_code()
    {
        using var ps = App();
        var result = ps.Run(
            "Invoke-TfAdminTask sh -ArgumentList '-c', 'echo \"$GREETING\"; echo \"${#API_TOKEN}\"; echo oops >&2; exit 7' -Container -Image $image -Environment staging -PassThru -Set @{ EXTRA = 'x' }",
            new() { ["image"] = DockerFactAttribute.Image });

        Assert.Equal(new object[] { "hello from staging", "15" }, result.Output.Take(2).Select(o => o.BaseObject));
        var task = result.Output.Single(o => o.TypeNames[0] == "TwelveFactor.AdminTaskResult");
        Assert.Equal(7, task.Properties["ExitCode"].Value);
        Assert.Equal(new[] { "AdminTaskStandardError,TwelveFactor.Commands.InvokeTfAdminTaskCommand", "AdminTaskFailed,TwelveFactor.Commands.InvokeTfAdminTaskCommand" }, result.ErrorIds);
        Assert.DoesNotContain("tok-container-3", result.AllText());
    }

    [DockerFact]
    public void A_missing_image_and_an_unreachable_engine_get_clear_errors()
    {
        using var ps = App();
        var missing = ps.Run("Invoke-TfAdminTask true -Container -Image tf-no-such-image:0 -Environment staging");
        Assert.Equal(new[] { "DockerImageNotFound,TwelveFactor.Commands.InvokeTfAdminTaskCommand" }, missing.ErrorIds);
        Assert.Equal(System.Management.Automation.ErrorCategory.ObjectNotFound, missing.Errors[0].CategoryInfo.Category);

        var unreachable = ps.Run("$env:DOCKER_HOST = 'unix:///tmp/tf-no-engine-here.sock'; Invoke-TfAdminTask true -Container -Image x:1 -Environment staging");
        Assert.Equal(new[] { "DockerEngineUnreachable,TwelveFactor.Commands.InvokeTfAdminTaskCommand" }, unreachable.ErrorIds);
        Assert.Equal(System.Management.Automation.ErrorCategory.ConnectionError, unreachable.Errors[0].CategoryInfo.Category);
    }
}
