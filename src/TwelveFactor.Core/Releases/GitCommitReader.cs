using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using TwelveFactor.Core.Resources;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Core.Releases;

/// <summary>Reads the commit a build came from by running <c>git</c> in the source work tree.</summary>
internal static class GitCommitReader
{
    /// <summary>The marker appended to the commit when the work tree has uncommitted changes.</summary>
    internal const string DirtyMarker = "-dirty";

    /// <summary>HEAD's full SHA, with <see cref="DirtyMarker"/> when tracked or untracked files changed.</summary>
    internal static async Task<string> ReadAsync(string sourcePath, CancellationToken cancellationToken)
    {
        string head = (await RunGitAsync(sourcePath, cancellationToken, "rev-parse", "--verify", "HEAD").ConfigureAwait(false)).Trim();
        string status = await RunGitAsync(sourcePath, cancellationToken, "status", "--porcelain", "--untracked-files=normal").ConfigureAwait(false);
        return status.Trim().Length > 0 ? head + DirtyMarker : head;
    }

    private static async Task<string> RunGitAsync(string workTree, CancellationToken cancellationToken, params string[] arguments)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workTree,
        };
        start.ArgumentList.Add("-C");
        start.ArgumentList.Add(workTree);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // A prompt for credentials or a pager would hang a release.
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["GIT_PAGER"] = "cat";
        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException(CoreStrings.GitDidNotStart);
            Task<string> output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            Task<string> error = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            string text = await output.ConfigureAwait(false);
            await error.ConfigureAwait(false);
            if (process.ExitCode != 0)
            {
                throw NotRepository(workTree, new InvalidOperationException("git exited with code " + process.ExitCode.ToString(CultureInfo.InvariantCulture) + "."));
            }

            return text;
        }
        catch (Win32Exception ex)
        {
            throw NotRepository(workTree, ex);
        }
    }

    private static ReleaseException NotRepository(string workTree, Exception inner) =>
        new(ProblemId.SourcePathNotRepository, string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.SourcePathNotRepository, workTree), workTree, inner);
}
