using System;
using System.IO;
using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace TwelveFactor;

/// <summary>
/// The module's private load context. It serves assemblies found in the module's Dependencies/ folder and defers
/// everything else (System.Management.Automation, the framework) to the default context by returning null.
/// A Dependencies/ copy of a framework assembly (System.Text.Json, System.IO.Pipelines, ... that packages bring for
/// older runtimes) is used only when the running framework's own copy is older: two copies of System.Text.Json
/// in one process make framework code such as System.Net.Http.Json fail with MissingMethodException.
/// </summary>
internal sealed class DependencyLoadContext : AssemblyLoadContext
{
    private static readonly string FrameworkFolder = RuntimeEnvironment.GetRuntimeDirectory();
    private readonly string _folder;

    public DependencyLoadContext(string folder)
        : base("TwelveFactor", isCollectible: false)
    {
        _folder = folder;
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        string candidate = Path.Combine(_folder, assemblyName.Name + ".dll");
        if (!File.Exists(candidate))
        {
            return null;
        }

        string framework = Path.Combine(FrameworkFolder, assemblyName.Name + ".dll");
        if (File.Exists(framework) && AssemblyName.GetAssemblyName(framework).Version >= AssemblyName.GetAssemblyName(candidate).Version)
        {
            return null;
        }

        return LoadFromAssemblyPath(candidate);
    }
}
