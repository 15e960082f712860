using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using TwelveFactor.Host;

// Usage: tfhost <script.ps1> [args...]  |  tfhost -Command "<script text>"
if (args.Length == 0 || args[0] is "-h" or "--help" or "-?")
{
    Console.Error.WriteLine("usage: tfhost <script.ps1> [args...] | tfhost -Command \"<script text>\"");
    return 2;
}

string manifest = ModuleLocator.FindManifest();
var host = new ConsoleHost();
var state = InitialSessionState.CreateDefault2();
state.ImportPSModule(new[] { manifest });
using var runspace = RunspaceFactory.CreateRunspace(host, state);
runspace.Open();
using var ps = PowerShell.Create();
ps.Runspace = runspace;
if (string.Equals(args[0], "-Command", StringComparison.OrdinalIgnoreCase) || args[0] == "-c")
{
    ps.AddScript(string.Join(' ', args.Skip(1)));
}
else
{
    ps.AddCommand(Path.GetFullPath(args[0]));
    foreach (string argument in args.Skip(1))
    {
        ps.AddArgument(argument);
    }
}

// Out-Default formats through the module's format views and writes to this host, as pwsh does.
ps.AddCommand("Out-Default");
ps.Commands.Commands[0].MergeMyResults(PipelineResultTypes.Error, PipelineResultTypes.Output);
try
{
    ps.Invoke();
}
catch (RuntimeException ex)
{
    Console.Error.WriteLine(ex.ErrorRecord?.ToString() ?? ex.Message);
    return 1;
}

if (host.ExitCode is int code)
{
    return code;
}

return ps.HadErrors ? 1 : 0;
