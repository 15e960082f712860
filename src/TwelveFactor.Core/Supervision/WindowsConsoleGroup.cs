using System;
using System.Diagnostics;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace TwelveFactor.Core.Supervision;

/// <summary>
/// The Windows stand-in for SIGTERM: CTRL_BREAK to a console process group of the task's own. A console
/// program gets it as Ctrl+Break (.NET raises Console.CancelKeyPress, Node and Python deliver SIGBREAK, C
/// programs see SIGBREAK or their console control handler) and may clean up; one without a handler exits.
/// The task's children in the same group get it too.
/// </summary>
/// <remarks>
/// The group must be the task's own, or the event would reach PowerShell as well. Starting a process in a new
/// group is ProcessStartInfo.CreateNewProcessGroup, which exists from .NET 10 (pwsh 7.6); the module builds
/// for .NET 8, so it is set through reflection where the running framework has it. A new group also ignores
/// Ctrl+C (Windows sets that for it), which is why the event is Ctrl+Break. Where the property is missing
/// (pwsh 7.4 and 7.5), or PowerShell has no console (a service, some CI agents), there is no group to signal
/// and the caller falls back to CloseMainWindow.
/// </remarks>
internal static class WindowsConsoleGroup
{
    private const uint CtrlBreakEvent = 1;

    /// <summary>The ProcessStartInfo property that asks for a new process group, or null before .NET 10.</summary>
    internal static PropertyInfo? NewGroupProperty { get; } =
        typeof(ProcessStartInfo).GetProperty("CreateNewProcessGroup", BindingFlags.Public | BindingFlags.Instance) is { CanWrite: true } property
            && property.PropertyType == typeof(bool)
            ? property
            : null;

    /// <summary>
    /// Asks for the task to lead a console process group of its own, on PowerShell's console; false where that
    /// cannot be asked (no such property, or PowerShell has no console to share).
    /// </summary>
    [SupportedOSPlatform("windows")]
    public static bool TryRequestNewGroup(ProcessStartInfo startInfo)
    {
        if (NewGroupProperty is null || GetConsoleWindow() == IntPtr.Zero)
        {
            return false;
        }

        NewGroupProperty.SetValue(startInfo, true);

        // A console event reaches only processes attached to the sender's console; CREATE_NO_WINDOW would
        // give the task none. With a console of our own, sharing it opens no window.
        startInfo.CreateNoWindow = false;
        return true;
    }

    /// <summary>Sends Ctrl+Break to the group led by <paramref name="groupLeaderId"/>; false when Windows refuses.</summary>
    [SupportedOSPlatform("windows")]
    public static bool TrySendBreak(int groupLeaderId) => GenerateConsoleCtrlEvent(CtrlBreakEvent, (uint)groupLeaderId);

    [DllImport("kernel32")]
    private static extern IntPtr GetConsoleWindow();

    [DllImport("kernel32", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    private static extern bool GenerateConsoleCtrlEvent(uint ctrlEvent, uint processGroupId);
}
