using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace TwelveFactor;

/// <summary>
/// The module's private load context. It serves assemblies found in the module's Dependencies/ folder and
/// defers everything else (the framework, System.Management.Automation) to the default context by returning null.
/// </summary>
internal sealed class DependencyLoadContext : AssemblyLoadContext
{
    private readonly string _folder;

    public DependencyLoadContext(string folder)
        : base("TwelveFactor", isCollectible: false)
    {
        _folder = folder;
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        string candidate = Path.Combine(_folder, assemblyName.Name + ".dll");
        return File.Exists(candidate) ? LoadFromAssemblyPath(candidate) : null;
    }
}
