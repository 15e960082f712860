using System.Runtime.InteropServices;

namespace TwelveFactor.Core.Supervision;

/// <summary>JOBOBJECT_BASIC_ACCOUNTING_INFORMATION (winnt.h): 48 bytes everywhere.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct JobObjectBasicAccountingInformation
{
    public long TotalUserTime;
    public long TotalKernelTime;
    public long ThisPeriodTotalUserTime;
    public long ThisPeriodTotalKernelTime;
    public uint TotalPageFaultCount;
    public uint TotalProcesses;
    public uint ActiveProcesses;
    public uint TotalTerminatedProcesses;
}
