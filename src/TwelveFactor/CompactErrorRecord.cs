using System;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Reflection;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor;

/// <summary>
/// Error records that pwsh's ConciseView shows on one line (<c>Invoke-TfAdminTask: the line</c>), as it shows a
/// native command's stderr, instead of the script position block it adds to a cmdlet's errors inside a script.
/// A task can write thousands of stderr lines; six lines of position for each would bury them.
/// </summary>
/// <remarks>
/// ConciseView adds the block when the record's InvocationInfo names a script line. The engine sets that on
/// WriteError unless the record asks it to keep its own, which only an internal flag of ErrorRecord can. The flag
/// and method are found by reflection (present in PowerShell 7.0 through 7.6); where they are missing the record
/// is written as any other, so nothing breaks, it only reads longer.
/// </remarks>
internal static class CompactErrorRecord
{
    private static readonly MethodInfo? SetInvocationInfo =
        typeof(ErrorRecord).GetMethod("SetInvocationInfo", BindingFlags.NonPublic | BindingFlags.Instance, null, new[] { typeof(InvocationInfo) }, null);

    private static readonly PropertyInfo? PreserveInvocationInfoOnce =
        typeof(ErrorRecord).GetProperty("PreserveInvocationInfoOnce", BindingFlags.NonPublic | BindingFlags.Instance);

    private static readonly IScriptExtent NoPosition = new ScriptExtent(new ScriptPosition(string.Empty, 0, 0, string.Empty), new ScriptPosition(string.Empty, 0, 0, string.Empty));

    /// <summary>An error record for one line a native program wrote to stderr, shown compactly.</summary>
    public static ErrorRecord ForStderrLine(string line, ProblemId problem, object? target, CommandInfo command)
    {
        var record = new ErrorRecord(new RemoteException(line), problem.ToString(), ErrorRecordFactory.CategoryOf(problem), target);
        if (SetInvocationInfo is null || PreserveInvocationInfoOnce is null)
        {
            return record;
        }

        try
        {
            SetInvocationInfo.Invoke(record, new object[] { InvocationInfo.Create(command, NoPosition) });
            PreserveInvocationInfoOnce.SetValue(record, true);
        }
        catch (Exception ex) when (ex is TargetInvocationException or ArgumentException or MethodAccessException)
        {
            return new ErrorRecord(new RemoteException(line), problem.ToString(), ErrorRecordFactory.CategoryOf(problem), target);
        }

        return record;
    }
}
