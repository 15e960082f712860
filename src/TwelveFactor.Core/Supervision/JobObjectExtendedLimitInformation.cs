using System;
using System.Runtime.InteropServices;

namespace TwelveFactor.Core.Supervision;

/// <summary>JOBOBJECT_EXTENDED_LIMIT_INFORMATION (winnt.h): 144 bytes on 64-bit Windows.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct JobObjectExtendedLimitInformation
{
    public JobObjectBasicLimitInformation BasicLimitInformation;
    public IoCounters IoInfo;
    public UIntPtr ProcessMemoryLimit;
    public UIntPtr JobMemoryLimit;
    public UIntPtr PeakProcessMemoryUsed;
    public UIntPtr PeakJobMemoryUsed;
}
