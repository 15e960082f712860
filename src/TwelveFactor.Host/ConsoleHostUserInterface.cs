using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;

namespace TwelveFactor.Host;

/// <summary>Writes the host's streams to the console; prompts read a line from standard input.</summary>
internal sealed class ConsoleHostUserInterface : PSHostUserInterface
{
    private readonly ConsoleRawUserInterface _raw = new();

    public override PSHostRawUserInterface RawUI => _raw;

    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
    {
        var result = new Dictionary<string, PSObject>();
        foreach (var field in descriptions)
        {
            Console.Write(field.Name + ": ");
            result[field.Name] = new PSObject(Console.ReadLine() ?? string.Empty);
        }

        return result;
    }

    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
    {
        Console.WriteLine(caption);
        Console.WriteLine(message);
        for (int i = 0; i < choices.Count; i++)
        {
            Console.WriteLine($"[{i}] {choices[i].Label.Replace("&", string.Empty)}");
        }

        return int.TryParse(Console.ReadLine(), out int chosen) && chosen >= 0 && chosen < choices.Count ? chosen : defaultChoice;
    }

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        throw new NotSupportedException("tfhost cannot prompt for credentials.");

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
        throw new NotSupportedException("tfhost cannot prompt for credentials.");

    public override string ReadLine() => Console.ReadLine() ?? string.Empty;

    public override SecureString ReadLineAsSecureString() => throw new NotSupportedException("tfhost cannot read secure input.");

    public override void Write(string value) => Console.Write(value);

    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Console.Write(value);

    public override void WriteLine(string value) => Console.WriteLine(value);

    public override void WriteErrorLine(string value) => Console.Error.WriteLine(value);

    public override void WriteDebugLine(string message) => Console.Error.WriteLine("DEBUG: " + message);

    public override void WriteProgress(long sourceId, ProgressRecord record)
    {
    }

    public override void WriteVerboseLine(string message) => Console.Error.WriteLine("VERBOSE: " + message);

    public override void WriteWarningLine(string message) => Console.Error.WriteLine("WARNING: " + message);
}
