using System;

namespace TwelveFactor.Core.Tests;

/// <summary>A test of Windows-only behaviour (junctions, job objects, console groups): skipped elsewhere.</summary>
public sealed class WindowsFactAttribute : FactAttribute
{
    public WindowsFactAttribute()
    {
        if (!OperatingSystem.IsWindows())
        {
            Skip = "Checks Windows-only behaviour (junctions, job objects, console process groups).";
        }
    }
}
