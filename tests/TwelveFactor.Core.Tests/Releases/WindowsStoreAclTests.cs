using System;
using System.IO;
using System.Linq;
using System.Runtime.Versioning;
using System.Security.AccessControl;
using System.Security.Principal;
using TwelveFactor.Core.Releases.Stores;

namespace TwelveFactor.Core.Tests.Releases;

public sealed class WindowsStoreAclTests
{
    [WindowsFact]
    [SupportedOSPlatform("windows")]
    public void ANewStoreLetsOnlyItsOwnerIn()
    {
        string root = Path.Combine(Path.GetTempPath(), "tf-acl-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (new LocalReleaseStore(root))
            {
            }

            DirectorySecurity security = new DirectoryInfo(root).GetAccessControl();
            Assert.True(security.AreAccessRulesProtected);
            var rules = security.GetAccessRules(includeExplicit: true, includeInherited: true, typeof(SecurityIdentifier)).Cast<FileSystemAccessRule>().ToList();
            var rule = Assert.Single(rules);
            Assert.Equal(WindowsIdentity.GetCurrent().User, rule.IdentityReference);
            Assert.Equal(AccessControlType.Allow, rule.AccessControlType);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
