using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using TwelveFactor.Core.Processes;

namespace TwelveFactor.Commands;

/// <summary>Reports what foreman, overmind and Dokku's strict mode would each reject or read differently in a Procfile.</summary>
[Cmdlet(VerbsDiagnostic.Test, "TfProcfile")]
[OutputType(typeof(ProcfileFinding), typeof(bool))]
public sealed class TestTfProcfileCommand : TfCmdlet
{
    /// <summary>The Procfile; defaults to Procfile in the current folder.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath")]
    public string? Path { get; set; }

    /// <summary>Only these tools' findings.</summary>
    [Parameter]
    public ProcfileTool[]? Tool { get; set; }

    /// <summary>Answer $true when no tool finds anything, else $false, instead of writing the findings.</summary>
    [Parameter]
    public SwitchParameter Quiet { get; set; }

    protected override void ProcessRecord()
    {
        string path = ProcfileLocation.Resolve(this, Path, AppFolder);
        string text;
        try
        {
            text = Procfile.ReadText(path);
        }
        catch (ProcfileException ex)
        {
            WriteError(ErrorRecordFactory.From(ex));
            return;
        }

        var findings = ProcfileLinter.Lint(text)
            .Where(f => Tool is null || Tool.Contains((ProcfileTool)(int)f.Tool))
            .Select(f => new ProcfileFinding((ProcfileTool)(int)f.Tool, f.Line, f.Rule, f.Message, path))
            .ToList();
        if (Quiet)
        {
            WriteObject(findings.Count == 0);
            return;
        }

        WriteObject(findings, enumerateCollection: true);
    }
}
