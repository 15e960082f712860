using System;
using System.Collections.Generic;
using System.Linq;
using TwelveFactor.Core.Resources;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Core.AdminProcesses;

/// <summary>
/// Builds a child's environment on a <c>ProcessStartInfo.Environment</c> dictionary, never on this process's
/// own environment: an empty value stays an empty value (<c>EMPTY=</c>), and the shell is left untouched.
/// </summary>
internal static class ChildEnvironment
{
    // What describes the machine and the user rather than the app. See EnvironmentInheritance.MachineBasics.
    private static readonly string[] UnixBasics =
    {
        "PATH", "HOME", "USER", "LOGNAME", "SHELL", "LANG", "LANGUAGE", "TZ", "TERM", "TMPDIR",
        "http_proxy", "https_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY",
        "SSL_CERT_FILE", "SSL_CERT_DIR",
    };

    private static readonly string[] WindowsBasics =
    {
        "PATH", "PATHEXT", "SystemRoot", "SystemDrive", "windir", "ComSpec", "TEMP", "TMP", "USERPROFILE",
        "USERNAME", "USERDOMAIN", "COMPUTERNAME", "HOMEDRIVE", "HOMEPATH", "APPDATA", "LOCALAPPDATA",
        "ProgramData", "ProgramFiles", "ProgramFiles(x86)", "ProgramW6432", "CommonProgramFiles",
        "CommonProgramFiles(x86)", "CommonProgramW6432", "ALLUSERSPROFILE", "PUBLIC", "NUMBER_OF_PROCESSORS",
        "PROCESSOR_ARCHITECTURE", "PROCESSOR_IDENTIFIER", "OS", "TZ",
        "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY", "SSL_CERT_FILE", "SSL_CERT_DIR",
    };

    /// <summary>
    /// Replaces <paramref name="target"/>'s content (which .NET fills with this process's environment) with
    /// the inherited part, then the config, then the overrides.
    /// </summary>
    public static void Build(IDictionary<string, string?> target, AdminTaskSpec spec)
    {
        switch (spec.Inheritance)
        {
            case EnvironmentInheritance.None:
                target.Clear();
                break;
            case EnvironmentInheritance.MachineBasics:
                foreach (string name in target.Keys.Where(name => !IsMachineBasic(name)).ToList())
                {
                    target.Remove(name);
                }

                break;
            case EnvironmentInheritance.All:
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(spec), spec.Inheritance, null);
        }

        foreach (KeyValuePair<string, string> entry in spec.Environment)
        {
            Validate(entry.Key, entry.Value);
            target[entry.Key] = entry.Value;
        }

        foreach (KeyValuePair<string, string?> entry in spec.Overrides)
        {
            Validate(entry.Key, entry.Value);
            if (entry.Value is null)
            {
                target.Remove(entry.Key);
            }
            else
            {
                target[entry.Key] = entry.Value;
            }
        }
    }

    /// <summary>True when the variable is one of the machine's basics that a task inherits by default.</summary>
    public static bool IsMachineBasic(string name)
    {
        if (OperatingSystem.IsWindows())
        {
            return WindowsBasics.Contains(name, StringComparer.OrdinalIgnoreCase);
        }

        return UnixBasics.Contains(name, StringComparer.Ordinal) || name.StartsWith("LC_", StringComparison.Ordinal);
    }

    // The messages name the variable, never its value.
    internal static void Validate(string name, string? value)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('=', StringComparison.Ordinal) || name.Contains('\0', StringComparison.Ordinal))
        {
            throw new AdminTaskException(
                ProblemId.AdminTaskEnvironmentInvalid,
                name ?? string.Empty,
                string.Format(System.Globalization.CultureInfo.CurrentCulture, CoreStrings.AdminTaskVariableNameInvalid, name));
        }

        if (value is not null && value.Contains('\0', StringComparison.Ordinal))
        {
            throw new AdminTaskException(
                ProblemId.AdminTaskEnvironmentInvalid,
                name,
                string.Format(System.Globalization.CultureInfo.CurrentCulture, CoreStrings.AdminTaskVariableValueInvalid, name));
        }
    }
}
