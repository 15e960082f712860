using System;
using System.Collections.Generic;
using System.Reflection;

namespace TwelveFactor.Core.Foundation;

/// <summary>Reads the kinds declared on <see cref="ProblemId"/> once, when the first problem is reported.</summary>
public static class ProblemCatalog
{
    private static readonly Lazy<Dictionary<ProblemId, ProblemKind>> Kinds = new(ReadKinds);

    /// <summary>The kind <paramref name="problem"/> is reported as.</summary>
    public static ProblemKind KindOf(ProblemId problem) =>
        Kinds.Value.TryGetValue(problem, out ProblemKind kind) ? kind : ProblemKind.NotSpecified;

    private static Dictionary<ProblemId, ProblemKind> ReadKinds()
    {
        var kinds = new Dictionary<ProblemId, ProblemKind>();
        foreach (FieldInfo field in typeof(ProblemId).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            if (field.GetCustomAttribute<ProblemAttribute>() is { } attribute)
            {
                kinds[(ProblemId)field.GetValue(null)!] = attribute.Kind;
            }
        }

        return kinds;
    }
}
