using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.Loader;

namespace TwelveFactor;

/// <summary>
/// Loads TwelveFactor.Core and its third-party dependencies into a load context of the module's own, so a
/// session that already loaded another YamlDotNet (or any other shared library) can still import the module.
/// This is the pattern of Microsoft's "Resolving PowerShell module assembly dependency conflicts" guide:
/// the default context is asked only for TwelveFactor.Core; everything Core needs is served from Dependencies/.
/// </summary>
public sealed class ModuleAssemblyLoader : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private const string CoreAssemblyName = "TwelveFactor.Core";

    private static readonly string DependencyFolder = Path.Combine(
        Path.GetDirectoryName(typeof(ModuleAssemblyLoader).Assembly.Location) ?? AppContext.BaseDirectory,
        "Dependencies");

    private static readonly DependencyLoadContext LoadContext = new(DependencyFolder);

    public void OnImport() => AssemblyLoadContext.Default.Resolving += ResolveCore;

    public void OnRemove(PSModuleInfo psModuleInfo) => AssemblyLoadContext.Default.Resolving -= ResolveCore;

    private static Assembly? ResolveCore(AssemblyLoadContext defaultContext, AssemblyName name) =>
        string.Equals(name.Name, CoreAssemblyName, StringComparison.Ordinal)
            ? LoadContext.LoadFromAssemblyName(name)
            : null;
}
