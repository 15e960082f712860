using System;

namespace TwelveFactor.Core.Tests.AdminProcesses;

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
