using System.Management.Automation;
using TwelveFactor.Completers;

namespace TwelveFactor.Commands;

/// <summary>
/// What the cmdlets that run or export a formation share beyond the store: whose config (-Environment, or -Release with
/// its files and config) and which Procfile (-Path).
/// </summary>
public abstract class ProcfileCommand : StoreCommand
{
    /// <summary>The environment whose config the processes get; defaults to $env:TF_ENVIRONMENT.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [ArgumentCompleter(typeof(EnvironmentNameCompleter))]
    public string? Environment { get; set; }

    /// <summary>A release instead of an environment: an id such as v12, or a release piped from Get-TfRelease.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Id")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(ReleaseIdCompleter))]
    public string? Release { get; set; }

    /// <summary>The Procfile; defaults to the Procfile in the current folder.</summary>
    [Parameter]
    public string? Path { get; set; }
}
