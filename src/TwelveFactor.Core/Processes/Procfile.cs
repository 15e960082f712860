using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using TwelveFactor.Core.Foundation;
using TwelveFactor.Core.Foundation.IO;
using TwelveFactor.Core.Resources;

namespace TwelveFactor.Core.Processes;

/// <summary>
/// A Procfile read with foreman's grammar (<c>^([A-Za-z0-9_-]+):\s*(.+)$</c>; blank lines and <c>#</c> comments
/// skipped). Where foreman silently ignores a line that does not match, this reports it, and a name given twice is
/// reported too (foreman and honcho would each pick a different one): both keep the file usable, first line wins.
/// </summary>
public sealed partial class Procfile
{
    /// <summary>The largest Procfile read: it is a list of commands, and a bigger one is not a Procfile.</summary>
    public const long MaxBytes = 1024 * 1024;

    private Procfile(string? path, IReadOnlyList<ProcessTypeDefinition> types, IReadOnlyList<ProcfileProblem> problems)
    {
        Path = path;
        Types = types;
        Problems = problems;
    }

    /// <summary>The file it was read from, when it came from one.</summary>
    public string? Path { get; }

    /// <summary>The process types, in the file's order (which decides their ports).</summary>
    public IReadOnlyList<ProcessTypeDefinition> Types { get; }

    /// <summary>Lines that were left out, with why.</summary>
    public IReadOnlyList<ProcfileProblem> Problems { get; }

    /// <summary>Reads a Procfile; throws <see cref="ProcfileException"/> when it is missing, too large or not text.</summary>
    public static Procfile Read(string path) => Parse(ReadText(path), path);

    /// <summary>
    /// A Procfile's text, read once with the checks every Procfile cmdlet makes: it exists, it is at most
    /// <see cref="MaxBytes"/>, it can be read. Throws <see cref="ProcfileException"/>.
    /// </summary>
    public static string ReadText(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new ProcfileException(ProblemId.ProcfileNotFound, path, string.Format(CultureInfo.CurrentCulture, CoreStrings.ProcfileNotFound, path));
            }

            // A regular file or a link to one: a fifo in a release or app folder is refused, not waited on.
            return RegularFile.ReadAllText(path, MaxBytes, followLinks: true);
        }
        catch (FileTooLargeException)
        {
            throw new ProcfileException(ProblemId.ProcfileInvalid, path, string.Format(CultureInfo.CurrentCulture, CoreStrings.ProcfileTooLarge, path, MaxBytes));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ProcfileException(ProblemId.ProcfileInvalid, path, string.Format(CultureInfo.CurrentCulture, CoreStrings.ProcfileUnreadable, path, ex.Message), ex);
        }
    }

    /// <summary>Whether <paramref name="name"/> can name a process type: letters, digits, '_' and '-', as foreman reads them.</summary>
    public static bool IsValidTypeName(string name) => TypeName().IsMatch(name);

    /// <summary>Parses Procfile text.</summary>
    public static Procfile Parse(string text, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(text);
        var types = new List<ProcessTypeDefinition>();
        var problems = new List<ProcfileProblem>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach ((int number, string line) in ContentLines(text))
        {
            Match match = ForemanLine().Match(line);
            if (!match.Success)
            {
                problems.Add(new ProcfileProblem(number, CoreStrings.ProcfileLineInvalid, IsDuplicate: false));
                continue;
            }

            string name = match.Groups[1].Value;
            if (seen.TryGetValue(name, out int first))
            {
                problems.Add(new ProcfileProblem(number, string.Format(CultureInfo.CurrentCulture, CoreStrings.ProcfileDuplicateType, name, first), IsDuplicate: true));
                continue;
            }

            seen[name] = number;
            types.Add(new ProcessTypeDefinition(name, match.Groups[2].Value.Trim(), number));
        }

        return new Procfile(path, types, problems);
    }

    /// <summary>The lines every tool reads, with their 1-based numbers: blank lines and <c>#</c> comments left out.</summary>
    internal static IEnumerable<(int Number, string Line)> ContentLines(string text)
    {
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            if (line.Trim().Length > 0 && !line.TrimStart().StartsWith('#'))
            {
                yield return (i + 1, line);
            }
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex TypeName();

    /// <summary>foreman's (and honcho's) line grammar.</summary>
    [GeneratedRegex(@"^([A-Za-z0-9_-]+):\s*(.+)$", RegexOptions.CultureInvariant)]
    internal static partial Regex ForemanLine();
}
