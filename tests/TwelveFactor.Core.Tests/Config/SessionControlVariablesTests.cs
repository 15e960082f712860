using TwelveFactor.Core.Config;

namespace TwelveFactor.Core.Tests.Config;

public sealed class SessionControlVariablesTests
{
    [Theory]
    [InlineData("PATH")]
    [InlineData("Path")]
    [InlineData("PSModulePath")]
    [InlineData("LD_PRELOAD")]
    [InlineData("LD_LIBRARY_PATH")]
    [InlineData("DYLD_INSERT_LIBRARIES")]
    [InlineData("DOTNET_STARTUP_HOOKS")]
    [InlineData("CORECLR_PROFILER_PATH")]
    [InlineData("NODE_OPTIONS")]
    [InlineData("GIT_SSH_COMMAND")]
    [InlineData("GIT_CONFIG_GLOBAL")]
    [InlineData("HOME")]
    [InlineData("BASH_ENV")]
    [InlineData("PAGER")]
    [InlineData("TMPDIR")]
    public void ControlsTheSession(string name) => Assert.True(SessionControlVariables.Contains(name), name);

    [Theory]
    [InlineData("DATABASE_URL")]
    [InlineData("PORT")]
    [InlineData("APP_PATH")]
    [InlineData("LOG_LEVEL")]
    [InlineData("GITHUB_TOKEN")]
    [InlineData("HOMEPAGE_URL")]
    [InlineData("DOTNET_ENVIRONMENT")]
    [InlineData("LDAP_URL")]
    public void IsAppConfig(string name) => Assert.False(SessionControlVariables.Contains(name), name);
}
