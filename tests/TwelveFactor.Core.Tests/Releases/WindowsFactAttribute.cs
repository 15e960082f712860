using System;

namespace TwelveFactor.Core.Tests.Releases;

/// <summary>A test of Windows file system behaviour (junctions): skipped elsewhere.</summary>
public sealed class WindowsFactAttribute : FactAttribute
{
    public WindowsFactAttribute()
    {
        if (!OperatingSystem.IsWindows())
        {
            Skip = "Checks NTFS junctions, which exist only on Windows.";
        }
    }
}
