using System;
using System.Collections.Generic;

namespace TwelveFactor.Core.Config;

/// <summary>
/// Environment variables that decide how a shell, and every program it starts, finds and loads code or reads its
/// configuration: PATH and the loaders' search paths, startup hooks of runtimes, a shell's startup files, the home
/// folder whose dot files git and ssh read, git's and ssh's command settings, the editor and pager tools run.
/// An env file comes with the app's code, from whoever wrote it; importing such a variable from it into the
/// operator's own session would hand that writer every later command (PATH=./bin, LD_PRELOAD=./x.so,
/// GIT_SSH_COMMAND=..., DOTNET_STARTUP_HOOKS=...). Import-TfConfig sets them only when asked (-Force). Processes
/// started in a release's own environment (admin tasks, formations) are not the operator's session: there the
/// release's config, these included, is the point.
/// </summary>
public static class SessionControlVariables
{
    private static readonly HashSet<string> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        // Where programs and modules are found.
        "PATH", "PATHEXT", "PSModulePath", "CDPATH",
        // Shells' startup and prompt.
        "BASH_ENV", "ENV", "ZDOTDIR", "PROMPT_COMMAND", "PS4", "IFS", "SHELLOPTS", "BASHOPTS", "SHELL",
        // Homes whose configuration files programs read (git's, ssh's, pwsh's profile).
        "HOME", "USERPROFILE", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "GNUPGHOME",
        // Where programs write, and then run, their temporary files.
        "TMPDIR", "TMP", "TEMP",
        // Code a runtime loads into every process it starts.
        "DOTNET_STARTUP_HOOKS", "DOTNET_ADDITIONAL_DEPS", "DOTNET_SHARED_STORE", "DOTNET_ROOT",
        "NODE_OPTIONS", "NODE_PATH", "PYTHONSTARTUP", "PYTHONPATH", "PYTHONHOME", "PERL5OPT", "PERL5LIB", "PERLLIB",
        "RUBYOPT", "RUBYLIB", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS", "CLASSPATH",
        // Commands other tools run for you.
        "EDITOR", "VISUAL", "PAGER", "LESSOPEN", "LESSCLOSE", "BROWSER", "SSH_ASKPASS", "SUDO_ASKPASS", "SSH_AUTH_SOCK",
    };

    // Families: the dynamic loaders' (LD_PRELOAD, LD_LIBRARY_PATH, LD_AUDIT; DYLD_INSERT_LIBRARIES), the .NET
    // profiler hooks, and git's own settings (GIT_SSH_COMMAND, GIT_EXEC_PATH, GIT_CONFIG_*).
    private static readonly string[] Prefixes = { "LD_", "DYLD_", "CORECLR_", "COR_", "GIT_" };

    /// <summary>True when setting <paramref name="name"/> in a session changes how that session runs programs.</summary>
    public static bool Contains(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (Names.Contains(name))
        {
            return true;
        }

        foreach (string prefix in Prefixes)
        {
            if (name.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }
}
