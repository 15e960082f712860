using System.Globalization;
using System.Linq;
using System.Management.Automation;
using TwelveFactor.Core.Foundation;
using TwelveFactor.Core.Processes;

namespace TwelveFactor.Commands;

/// <summary>Reads a Procfile's process types (factor VI), reporting each line no tool would run, and each name given twice.</summary>
[Cmdlet(VerbsCommon.Get, "TfProcfile")]
[OutputType(typeof(ProcessType))]
public sealed class GetTfProcfileCommand : TfCmdlet
{
    /// <summary>The Procfile; defaults to Procfile in the current folder.</summary>
    [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("PSPath")]
    public string? Path { get; set; }

    /// <summary>Only these process types; wildcards allowed.</summary>
    [Parameter]
    [SupportsWildcards]
    [ArgumentCompleter(typeof(Completers.ProcessTypeCompleter))]
    public string[]? Name { get; set; }

    protected override void ProcessRecord()
    {
        string path = ProcfileLocation.Resolve(this, Path, AppFolder);
        Procfile procfile;
        try
        {
            procfile = Procfile.Read(path);
        }
        catch (ProcfileException ex)
        {
            WriteError(ErrorRecordFactory.From(ex));
            return;
        }

        foreach (ProcfileProblem problem in procfile.Problems)
        {
            string where = path + ":" + problem.Line.ToString(CultureInfo.InvariantCulture);
            WriteError(ErrorRecordFactory.Create(
                problem.IsDuplicate ? ProblemId.ProcfileDuplicateType : ProblemId.ProcfileLineInvalid,
                new System.IO.InvalidDataException(where + ": " + problem.Message),
                where));
        }

        var patterns = (Name ?? new[] { "*" }).Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToList();
        foreach (ProcessTypeDefinition type in procfile.Types.Where(t => patterns.Any(p => p.IsMatch(t.Name))))
        {
            WriteObject(new ProcessType(type.Name, type.Command, type.Line, path));
        }
    }
}
