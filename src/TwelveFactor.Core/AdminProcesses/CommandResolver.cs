using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using TwelveFactor.Core.Resources;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Core.AdminProcesses;

/// <summary>
/// Turns the command a user typed into the full path of an executable file, or a clear CommandNotFound error.
/// The lookup is done here rather than by <c>Process.Start</c> because .NET searches the PARENT's PATH, while
/// the task must find its commands on the PATH it will itself see (config may set one, as on a dyno).
/// </summary>
internal static class CommandResolver
{
    public static string Resolve(string fileName, string workingDirectory, string? childPath)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            throw NotFound(fileName ?? string.Empty);
        }

        bool hasDirectory = fileName.Contains('/', StringComparison.Ordinal)
            || (OperatingSystem.IsWindows() && fileName.Contains('\\', StringComparison.Ordinal));
        if (Path.IsPathRooted(fileName) || hasDirectory)
        {
            string full = Path.GetFullPath(fileName, workingDirectory);
            return Candidates(full).FirstOrDefault(IsExecutableFile) ?? throw NotFound(fileName);
        }

        foreach (string? pathList in new[] { childPath, ModuleSettings.Read(ModuleSettings.PathVariable) }.Distinct())
        {
            if (string.IsNullOrEmpty(pathList))
            {
                continue;
            }

            foreach (string directory in pathList.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                string entry = directory.Trim('"');
                if (entry.Length == 0)
                {
                    continue;
                }

                // A relative PATH entry is relative to the working directory, as in a shell.
                string baseDirectory = Path.GetFullPath(entry, workingDirectory);
                string? found = Candidates(Path.Combine(baseDirectory, fileName)).FirstOrDefault(IsExecutableFile);
                if (found is not null)
                {
                    return found;
                }
            }
        }

        throw NotFound(fileName);
    }

    private static IEnumerable<string> Candidates(string path)
    {
        yield return path;
        if (OperatingSystem.IsWindows() && string.IsNullOrEmpty(Path.GetExtension(path)))
        {
            string extensions = ModuleSettings.Read(ModuleSettings.PathExtVariable) ?? ".COM;.EXE;.BAT;.CMD";
            foreach (string extension in extensions.Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                yield return path + extension;
            }
        }
    }

    private static bool IsExecutableFile(string path)
    {
        if (!File.Exists(path))
        {
            return false;
        }

        if (OperatingSystem.IsWindows())
        {
            return true;
        }

        const UnixFileMode anyExecute = UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;
        return (File.GetUnixFileMode(path) & anyExecute) != 0;
    }

    private static AdminTaskException NotFound(string fileName) =>
        new(
            ProblemId.AdminTaskCommandNotFound,
            fileName,
            string.Format(CultureInfo.CurrentCulture, CoreStrings.AdminTaskCommandNotFound, fileName));
}
