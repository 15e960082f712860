using System;
using System.Management.Automation;
using TwelveFactor.Core.AdminProcesses;
using TwelveFactor.Completers;

namespace TwelveFactor.Commands;

/// <summary>
/// What the cmdlets that run or export a formation share beyond the store: whose config (-Environment, or -Release with
/// its files and config), which Procfile (-Path), the first PORT (-Port) and the grace period (-ShutdownTimeout).
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

    /// <summary>The first PORT: process type t (from 0, in Procfile order), instance i gets Port + 100 t + i - 1, as foreman assigns them. Default 5000.</summary>
    [Parameter]
    [ValidateRange(1, 65535)]
    public int Port { get; set; } = 5000;

    /// <summary>How many seconds a process gets to exit after the stop signal before it is killed (or a TimeSpan). Default 10 seconds.</summary>
    [Parameter]
    [Seconds]
    public TimeSpan ShutdownTimeout { get; set; } = AdminTaskSpec.DefaultShutdownGracePeriod;
}
