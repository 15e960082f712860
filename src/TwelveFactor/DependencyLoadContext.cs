using System;
using System.Collections.Generic;
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
    /// <summary>Written by the build beside the copies: one "Name Version" line per assembly in Dependencies/.</summary>
    internal const string VersionListName = "assembly-versions.txt";

    private static readonly string FrameworkFolder = RuntimeEnvironment.GetRuntimeDirectory();
    private readonly string _folder;
    private Dictionary<string, Version>? _builtVersions;

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

        if (File.Exists(Path.Combine(FrameworkFolder, assemblyName.Name + ".dll")))
        {
            // The framework's copy is the one the default context binds to the name; it is loaded here because it
            // is the one used whenever it is new enough. Its version is then known without reading a file, and the
            // copy's from the build's list: AssemblyName.GetAssemblyName reads both files' metadata, which cost a
            // session's first command that needs System.Text.Json 8-12 ms.
            Assembly framework = Default.LoadFromAssemblyName(new AssemblyName(assemblyName.Name!));
            if (framework.GetName().Version >= BuiltVersion(assemblyName.Name!, candidate))
            {
                return framework;
            }
        }

        return LoadFromAssemblyPath(candidate);
    }

    private Version? BuiltVersion(string name, string candidate)
    {
        _builtVersions ??= ReadVersionList(Path.Combine(_folder, VersionListName));
        return _builtVersions.TryGetValue(name, out var version) ? version : AssemblyName.GetAssemblyName(candidate).Version;
    }

    /// <summary>The build's list; an absent or unreadable one (a hand-made layout) is empty, so each file is read.</summary>
    internal static Dictionary<string, Version> ReadVersionList(string path)
    {
        var versions = new Dictionary<string, Version>(StringComparer.OrdinalIgnoreCase);
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return versions;
        }

        foreach (string line in lines)
        {
            int space = line.IndexOf(' ');
            if (space > 0 && Version.TryParse(line.AsSpan(space + 1).Trim(), out var version))
            {
                versions[line[..space]] = version;
            }
        }

        return versions;
    }
}
