using System.Runtime.InteropServices;

namespace TwelveFactor.Core.Supervision;

/// <summary>IO_COUNTERS (winnt.h): six 64-bit counters, 48 bytes everywhere.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct IoCounters
{
    public ulong ReadOperationCount;
    public ulong WriteOperationCount;
    public ulong OtherOperationCount;
    public ulong ReadTransferCount;
    public ulong WriteTransferCount;
    public ulong OtherTransferCount;
}
