using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using TwelveFactor.Core.Foundation;
using TwelveFactor.Core.Resources;

namespace TwelveFactor.Core.Processes;

/// <summary>
/// How many of each process type run: foreman's <c>-m web=2,worker=1</c> (also <c>all=N</c>). Types the formation
/// does not name run once when it names none but <c>all</c>, and not at all when it names others (as foreman does).
/// </summary>
public sealed class Formation
{
    /// <summary>The most instances of one type: a formation runs on one machine.</summary>
    public const int MaxPerType = 100;

    private readonly Dictionary<string, int> _counts;
    private readonly int? _all;

    private Formation(Dictionary<string, int> counts, int? all)
    {
        _counts = counts;
        _all = all;
    }

    /// <summary>One of each type.</summary>
    public static Formation OneOfEach { get; } = new(new Dictionary<string, int>(StringComparer.Ordinal), 1);

    /// <summary>Parses <c>web=2,worker=1</c>, <c>all=2</c> or <c>all=1,worker=0</c>; throws <see cref="ProcfileException"/> on a bad item.</summary>
    public static Formation Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return OneOfEach;
        }

        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        int? all = null;
        foreach (string raw in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            string[] parts = raw.Split('=', 2, StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || !Procfile.IsValidTypeName(parts[0])
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int count) || count > MaxPerType)
            {
                throw new ProcfileException(ProblemId.FormationInvalid, raw, string.Format(CultureInfo.CurrentCulture, CoreStrings.FormationItemInvalid, raw, MaxPerType));
            }

            if (parts[0] == "all")
            {
                all = count;
            }
            else
            {
                counts[parts[0]] = count;
            }
        }

        return new Formation(counts, all ?? (counts.Count == 0 ? 1 : 0));
    }

    /// <summary>
    /// The instances to run for <paramref name="procfile"/>, with ports from <paramref name="basePort"/> as foreman
    /// assigns them: base + 100 x the type's index in the Procfile + the instance's number - 1. A named type the
    /// Procfile lacks is an error (most often a typo).
    /// </summary>
    public IReadOnlyList<FormationInstance> Plan(Procfile procfile, int basePort)
    {
        ThrowIfUnknownType(procfile);
        var instances = new List<FormationInstance>();
        for (int index = 0; index < procfile.Types.Count; index++)
        {
            ProcessTypeDefinition type = procfile.Types[index];
            int count = _counts.TryGetValue(type.Name, out int named) ? named : _all ?? 0;
            for (int number = 1; number <= count; number++)
            {
                int port = basePort + (100 * index) + number - 1;
                if (port > 65535)
                {
                    throw new ProcfileException(ProblemId.FormationInvalid, type.Name, string.Format(CultureInfo.CurrentCulture, CoreStrings.FormationPortTooHigh, type.Name, number, port));
                }

                instances.Add(new FormationInstance(type, number, port));
            }
        }

        return instances;
    }

    /// <summary>The count for each type of <paramref name="procfile"/>, for exporters.</summary>
    public IReadOnlyList<(ProcessTypeDefinition Type, int Count)> Counts(Procfile procfile)
    {
        ThrowIfUnknownType(procfile);
        return procfile.Types.Select(t => (t, _counts.TryGetValue(t.Name, out int n) ? n : _all ?? 0)).ToList();
    }

    // A named type the Procfile lacks is an error (most often a typo), not a type that runs 0 times.
    private void ThrowIfUnknownType(Procfile procfile)
    {
        ArgumentNullException.ThrowIfNull(procfile);
        string? unknown = _counts.Keys.FirstOrDefault(name => procfile.Types.All(t => t.Name != name));
        if (unknown is not null)
        {
            throw new ProcfileException(ProblemId.ProcessTypeNotFound, unknown, string.Format(CultureInfo.CurrentCulture, CoreStrings.FormationTypeNotFound, unknown, string.Join(", ", procfile.Types.Select(t => t.Name))));
        }
    }
}
