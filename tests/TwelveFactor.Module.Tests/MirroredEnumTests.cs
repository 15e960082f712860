using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;
using TwelveFactor.Module.Tests.Infrastructure;

namespace TwelveFactor.Module.Tests;

/// <summary>
/// Lists kept in step by hand across the two assemblies: the cmdlet layer's enums that mirror Core's (so users
/// name TwelveFactor.ConfigExportFormat, not a type from the private load context), the problem kinds that are
/// PowerShell's error categories by name, and the parity checks that each have a ParityFinding id.
/// Read from the built module in a load context of their own, as the module itself loads them.
/// </summary>
public sealed class MirroredEnumTests
{
    private static readonly Lazy<(Assembly Cmdlets, Assembly Core)> Assemblies = new(Load);

    [Fact]
    public void Every_mirrored_enum_has_each_Core_member_with_the_same_value()
    {
        Type[] mirrors = Assemblies.Value.Cmdlets.GetExportedTypes().Where(t => t.IsEnum).ToArray();
        Assert.NotEmpty(mirrors);
        int compared = 0;
        foreach (Type mirror in mirrors)
        {
            Type? twin = Assemblies.Value.Core.GetExportedTypes().SingleOrDefault(t => t.IsEnum && t.Name == mirror.Name);
            if (twin is null)
            {
                continue;
            }

            compared++;
            var core = Enum.GetNames(twin).ToDictionary(n => n, n => Convert.ToInt64(Enum.Parse(twin, n), System.Globalization.CultureInfo.InvariantCulture));
            var cmdlet = Enum.GetNames(mirror).ToDictionary(n => n, n => Convert.ToInt64(Enum.Parse(mirror, n), System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(core.OrderBy(p => p.Key), cmdlet.OrderBy(p => p.Key));
        }

        Assert.True(compared >= 2, "ConfigExportFormat and ConfigPrecedence are mirrored; the test found " + compared);
    }

    [Fact]
    public void Every_problem_kind_is_a_PowerShell_error_category()
    {
        Type kind = CoreType("TwelveFactor.Core.Foundation.ProblemKind");
        string[] missing = Enum.GetNames(kind).Where(n => !Enum.IsDefined(typeof(ErrorCategory), n)).ToArray();
        Assert.True(missing.Length == 0, "not ErrorCategory names: " + string.Join(", ", missing));
    }

    [Fact]
    public void Every_problem_id_declares_its_kind()
    {
        Type id = CoreType("TwelveFactor.Core.Foundation.ProblemId");
        string[] bare = id.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => !f.CustomAttributes.Any(a => a.AttributeType.Name == "ProblemAttribute"))
            .Select(f => f.Name).ToArray();
        Assert.True(bare.Length == 0, "ProblemId members without [Problem(...)]: " + string.Join(", ", bare));
        Assert.True(Enum.GetNames(id).Length > 60);
    }

    [Fact]
    public void Every_parity_check_has_its_ParityFinding_id()
    {
        string[] ids = Enum.GetNames(CoreType("TwelveFactor.Core.Foundation.ProblemId"));
        string[] checks = Enum.GetNames(CoreType("TwelveFactor.Core.Parity.ParityCheck"));
        Assert.NotEmpty(checks);
        string[] withoutId = checks.Where(c => !ids.Contains("ParityFinding" + c)).ToArray();
        string[] withoutCheck = ids.Where(i => i.StartsWith("ParityFinding", StringComparison.Ordinal) && !checks.Contains(i["ParityFinding".Length..])).ToArray();
        Assert.True(withoutId.Length == 0, "checks without a ParityFinding id: " + string.Join(", ", withoutId));
        Assert.True(withoutCheck.Length == 0, "ParityFinding ids without a check: " + string.Join(", ", withoutCheck));
    }

    private static Type CoreType(string name) => Assemblies.Value.Core.GetType(name, throwOnError: true)!;

    private static (Assembly, Assembly) Load()
    {
        string folder = PowerShellSession.ModuleFolder;
        var context = new AssemblyLoadContext("mirrored-enum-tests", isCollectible: true);
        context.Resolving += (ctx, name) =>
        {
            if (name.Name is "System.Management.Automation")
            {
                return typeof(PSCmdlet).Assembly;
            }

            string candidate = Path.Combine(folder, "Dependencies", name.Name + ".dll");
            return File.Exists(candidate) ? ctx.LoadFromAssemblyPath(candidate) : null;
        };
        Assembly cmdlets = context.LoadFromAssemblyPath(Path.Combine(folder, "TwelveFactor.dll"));
        Assembly core = context.LoadFromAssemblyPath(Path.Combine(folder, "Dependencies", "TwelveFactor.Core.dll"));
        return (cmdlets, core);
    }
}
