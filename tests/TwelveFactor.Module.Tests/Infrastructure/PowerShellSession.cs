using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace TwelveFactor.Module.Tests.Infrastructure;

/// <summary>
/// A real PowerShell runspace (the engine from System.Management.Automation) with the built module imported
/// from out/TwelveFactor/, and a scratch folder as its current location. Dispose removes the folder.
/// </summary>
public sealed class PowerShellSession : IDisposable
{
    private readonly Runspace _runspace;

    public PowerShellSession(bool importModule = true)
    {
        WorkFolder = Directory.CreateTempSubdirectory("tf-module-test-").FullName;
        var state = InitialSessionState.CreateDefault2();
        _runspace = RunspaceFactory.CreateRunspace(state);
        _runspace.Open();
        // Set-Location lives in Microsoft.PowerShell.Management, which the hosted engine lacks; this is what it does.
        _runspace.SessionStateProxy.Path.SetLocation(WorkingFolderPattern(WorkFolder));
        if (importModule)
        {
            Run($"Import-Module -Name '{ManifestPath.Replace("'", "''")}' -ErrorAction Stop").AssertNoErrors();
        }
    }

    /// <summary>The scratch folder the session starts in.</summary>
    public string WorkFolder { get; }

    /// <summary>The repository root, found by walking up to TwelveFactor.sln.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>The built module's manifest: what users import.</summary>
    public static string ModuleFolder { get; } = Path.Combine(RepoRoot, "out", "TwelveFactor");

    public static string ManifestPath { get; } = Path.Combine(ModuleFolder, "TwelveFactor.psd1");

    /// <summary>A path inside the work folder.</summary>
    public string PathOf(string relative) => Path.Combine(WorkFolder, relative);

    /// <summary>A PowerShell instance on this session's runspace, for tests that stop a running pipeline (Ctrl+C).</summary>
    public PowerShell CreatePipeline(string script)
    {
        var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        ps.AddScript(script);
        return ps;
    }

    /// <summary>Runs script text; values in <paramref name="variables"/> become PowerShell variables.</summary>
    public ScriptResult Run(string script, Dictionary<string, object?>? variables = null)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        if (variables is not null)
        {
            foreach (var (name, value) in variables)
            {
                _runspace.SessionStateProxy.SetVariable(name, value);
            }
        }

        ps.AddScript(script);
        var output = new List<PSObject>();
        RuntimeException? terminating = null;
        try
        {
            output.AddRange(ps.Invoke());
        }
        catch (RuntimeException ex)
        {
            terminating = ex;
        }
        catch (Exception ex) when (ex.InnerException is RuntimeException inner)
        {
            terminating = inner;
        }

        return new ScriptResult
        {
            Output = output.Where(o => o is not null).ToList(),
            Errors = ps.Streams.Error.ToList(),
            Warnings = ps.Streams.Warning.ToList(),
            Verbose = ps.Streams.Verbose.ToList(),
            Progress = ps.Streams.Progress.ToList(),
            Information = ps.Streams.Information.ToList(),
            Terminating = terminating,
        };
    }

    public void Dispose()
    {
        _runspace.Dispose();
        try
        {
            Directory.Delete(WorkFolder, recursive: true);
        }
        catch (IOException)
        {
            // A child process may still hold a file for a moment; the OS temp cleaner takes the rest.
        }
    }

    private static string WorkingFolderPattern(string path) => WildcardPattern.Escape(path);

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TwelveFactor.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("TwelveFactor.sln was not found above " + AppContext.BaseDirectory);
    }
}
