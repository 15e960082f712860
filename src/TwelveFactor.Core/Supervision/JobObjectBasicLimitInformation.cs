using System;
using System.Runtime.InteropServices;

namespace TwelveFactor.Core.Supervision;

/// <summary>JOBOBJECT_BASIC_LIMIT_INFORMATION (winnt.h): 64 bytes on 64-bit Windows, 48 on 32-bit.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct JobObjectBasicLimitInformation
{
    public long PerProcessUserTimeLimit;
    public long PerJobUserTimeLimit;
    public uint LimitFlags;
    public UIntPtr MinimumWorkingSetSize;
    public UIntPtr MaximumWorkingSetSize;
    public uint ActiveProcessLimit;
    public UIntPtr Affinity;
    public uint PriorityClass;
    public uint SchedulingClass;
}
