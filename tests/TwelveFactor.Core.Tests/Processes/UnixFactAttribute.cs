using System;

namespace TwelveFactor.Core.Tests.Processes;

/// <summary>A test that runs real POSIX processes (/bin/sh, process groups): skipped on Windows.</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "Runs /bin/sh and checks POSIX process groups.";
        }
    }
}
