using System.IO;
using System.Runtime.Versioning;
using System.Security.AccessControl;
using System.Security.Principal;

using TwelveFactor.Core.Resources;
namespace TwelveFactor.Core.Releases.Stores;

/// <summary>
/// The Windows counterpart of the store's 0700 folders: an access list that lets only the current user in and
/// does not inherit from the parent folder, so a store made under D:\ (where Users may read) is still private.
/// Everything created inside inherits it.
/// </summary>
[SupportedOSPlatform("windows")]
internal static class WindowsOwnerOnlyAcl
{
    internal static void Apply(string directory)
    {
        SecurityIdentifier user = WindowsIdentity.GetCurrent().User
            ?? throw new IOException(CoreStrings.WindowsUserHasNoSid);
        var security = new DirectorySecurity();
        security.SetAccessRuleProtection(isProtected: true, preserveInheritance: false);
        security.AddAccessRule(new FileSystemAccessRule(
            user,
            FileSystemRights.FullControl,
            InheritanceFlags.ContainerInherit | InheritanceFlags.ObjectInherit,
            PropagationFlags.None,
            AccessControlType.Allow));
        new DirectoryInfo(directory).SetAccessControl(security);
    }
}
