using System;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace TwelveFactor.Core.Tests.Security;

/// <summary>
/// Named pipes put where a file is expected, and the patience a read of one gets: opening a fifo for reading waits
/// for a writer, so a regression runs the read on a pool thread and fails after <see cref="Patience"/> instead of
/// hanging the whole run.
/// </summary>
internal static class Fifos
{
    internal static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    /// <summary>Replaces whatever is at <paramref name="path"/> with a fifo (mkfifo).</summary>
    internal static void Make(string path)
    {
        File.Delete(path);
        using Process mkfifo = Process.Start("mkfifo", path)!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    /// <summary>The work's result, failing the test when it has not finished within <see cref="Patience"/>.</summary>
    internal static async Task<T> WithinPatience<T>(Func<Task<T>> work)
    {
        Task<T> running = Task.Run(work);
        Assert.True(await Task.WhenAny(running, Task.Delay(Patience)) == running, "the read waited on a fifo or an endless file");
        return await running;
    }

    /// <summary>As <see cref="WithinPatience{T}(Func{Task{T}})"/>, for synchronous work.</summary>
    internal static Task<T> WithinPatience<T>(Func<T> work) => WithinPatience(() => Task.FromResult(work()));
}
