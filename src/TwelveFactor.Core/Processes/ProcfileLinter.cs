using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text.RegularExpressions;
using TwelveFactor.Core.Resources;

namespace TwelveFactor.Core.Processes;

/// <summary>
/// What foreman, overmind and Dokku's strict mode would each reject or read differently in a Procfile (see
/// ../shared/FORMATS.md, checked against each tool's parser): a Procfile that passes runs the same everywhere.
/// </summary>
public static partial class ProcfileLinter
{
    /// <summary>The findings for <paramref name="text"/>, by line, then tool.</summary>
    public static IReadOnlyList<ProcfileFinding> Lint(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var findings = new List<ProcfileFinding>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach ((int number, string line) in Procfile.ContentLines(text))
        {
            Match foreman = Procfile.ForemanLine().Match(line);
            if (!foreman.Success)
            {
                findings.Add(new ProcfileFinding(ProcfileTool.Foreman, number, "LineIgnored", CoreStrings.ProcfileLintForemanIgnores));
                findings.Add(new ProcfileFinding(ProcfileTool.Overmind, number, "LineIgnored", CoreStrings.ProcfileLintOvermindIgnores));
                findings.Add(new ProcfileFinding(ProcfileTool.Dokku, number, "LineRejected", CoreStrings.ProcfileLintDokkuRejectsLine));
                continue;
            }

            string name = foreman.Groups[1].Value;
            if (!OvermindLine().IsMatch(line))
            {
                findings.Add(new ProcfileFinding(ProcfileTool.Overmind, number, "NoSpaceAfterColon", string.Format(CultureInfo.CurrentCulture, CoreStrings.ProcfileLintOvermindNeedsSpace, name)));
            }

            if (!DnsLabel().IsMatch(name))
            {
                findings.Add(new ProcfileFinding(ProcfileTool.Dokku, number, "NameNotDnsLabel", string.Format(CultureInfo.CurrentCulture, CoreStrings.ProcfileLintDokkuName, name)));
            }

            if (seen.TryGetValue(name, out int first))
            {
                findings.Add(new ProcfileFinding(ProcfileTool.Foreman, number, "DuplicateType", string.Format(CultureInfo.CurrentCulture, CoreStrings.ProcfileLintDuplicateForeman, name, first)));
                findings.Add(new ProcfileFinding(ProcfileTool.Dokku, number, "DuplicateType", string.Format(CultureInfo.CurrentCulture, CoreStrings.ProcfileLintDuplicateDokku, name, first)));
            }
            else
            {
                seen[name] = number;
            }
        }

        return findings;
    }

    // overmind: "name: command" with at least one space after the colon.
    [GeneratedRegex(@"^[A-Za-z0-9_-]+:\s+\S", RegexOptions.CultureInvariant)]
    private static partial Regex OvermindLine();

    // Dokku strict: a DNS label (RFC 1123): lower-case letters, digits and '-', starting and ending alphanumeric, at most 63.
    [GeneratedRegex(@"^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex DnsLabel();
}
