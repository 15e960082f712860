using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace TwelveFactor.Core.Supervision;

/// <summary>A Windows job object handle; closing the last one kills what the job holds (KILL_ON_JOB_CLOSE).</summary>
internal sealed class WindowsJobHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public WindowsJobHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => CloseHandle(handle);

    [DllImport("kernel32", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool CloseHandle(System.IntPtr handle);
}
