using System.Collections.Generic;
using System.Linq;
using Mono.Cecil;
using Mono.Cecil.Cil;

namespace TwelveFactor.Core.Tests.Architecture;

/// <summary>
/// Which area of Core uses which, read from the compiled assembly: every type a type names in its base type,
/// interfaces, fields, properties, method signatures, attributes, locals and IL operands. An area is the
/// namespace one level below <c>TwelveFactor.Core</c> (<c>TwelveFactor.Core.Releases.Stores</c> belongs to
/// <c>Releases</c>), so the arrows are between factors, not between a factor's own folders.
/// </summary>
internal sealed class NamespaceGraph
{
    private const string Root = "TwelveFactor.Core";

    private NamespaceGraph(Dictionary<string, HashSet<string>> edges, Dictionary<(string, string), string> witnesses)
    {
        Edges = edges;
        Witnesses = witnesses;
    }

    /// <summary>Area -> areas it references.</summary>
    public Dictionary<string, HashSet<string>> Edges { get; }

    /// <summary>One example per arrow ("Type uses Type") so a failure names the line to change.</summary>
    public Dictionary<(string From, string To), string> Witnesses { get; }

    public static NamespaceGraph Read(string assemblyPath)
    {
        var edges = new Dictionary<string, HashSet<string>>();
        var witnesses = new Dictionary<(string, string), string>();
        using var module = ModuleDefinition.ReadModule(assemblyPath);
        foreach (var type in module.GetTypes())
        {
            var from = AreaOf(type);
            if (from is null)
            {
                continue;
            }

            edges.TryAdd(from, new HashSet<string>());
            foreach (var used in ReferencedTypes(type))
            {
                var to = AreaOf(used);
                if (to is null || to == from)
                {
                    continue;
                }

                if (edges[from].Add(to))
                {
                    witnesses[(from, to)] = $"{type.FullName} uses {used.FullName}";
                }
            }
        }

        return new NamespaceGraph(edges, witnesses);
    }

    /// <summary>Every cycle as a path of areas (first == last), found by depth-first search.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles() => CyclesOf(Edges);

    /// <summary>Every elementary cycle of <paramref name="edges"/>, each once, starting from its smallest node.</summary>
    public static IReadOnlyList<IReadOnlyList<string>> CyclesOf(Dictionary<string, HashSet<string>> edges)
    {
        var cycles = new List<IReadOnlyList<string>>();
        var seen = new HashSet<string>();
        foreach (var start in edges.Keys.OrderBy(k => k, System.StringComparer.Ordinal))
        {
            Walk(start, new List<string> { start });
        }

        return cycles;

        void Walk(string node, List<string> path)
        {
            foreach (var next in edges.GetValueOrDefault(node, new HashSet<string>()).OrderBy(k => k, System.StringComparer.Ordinal))
            {
                if (next == path[0])
                {
                    var cycle = new List<string>(path) { next };
                    var key = string.Join(">", cycle.Skip(1).OrderBy(n => n, System.StringComparer.Ordinal));
                    if (seen.Add(key))
                    {
                        cycles.Add(cycle);
                    }
                }
                else if (!path.Contains(next) && string.CompareOrdinal(next, path[0]) > 0)
                {
                    path.Add(next);
                    Walk(next, path);
                    path.RemoveAt(path.Count - 1);
                }
            }
        }
    }

    private static string? AreaOf(TypeReference type)
    {
        while (type is TypeSpecification spec)
        {
            type = spec.ElementType;
        }

        while (type.DeclaringType is not null)
        {
            type = type.DeclaringType;
        }

        var ns = type.Namespace;
        if (!ns.StartsWith(Root + ".", System.StringComparison.Ordinal))
        {
            return null;
        }

        var rest = ns.Substring(Root.Length + 1);
        var dot = rest.IndexOf('.');
        return dot < 0 ? rest : rest.Substring(0, dot);
    }

    private static IEnumerable<TypeReference> ReferencedTypes(TypeDefinition type)
    {
        if (type.BaseType is not null)
        {
            foreach (var t in Expand(type.BaseType)) yield return t;
        }

        foreach (var i in type.Interfaces)
        {
            foreach (var t in Expand(i.InterfaceType)) yield return t;
        }

        foreach (var a in type.CustomAttributes)
        {
            yield return a.AttributeType;
        }

        foreach (var field in type.Fields)
        {
            foreach (var t in Expand(field.FieldType)) yield return t;
        }

        foreach (var property in type.Properties)
        {
            foreach (var t in Expand(property.PropertyType)) yield return t;
        }

        foreach (var method in type.Methods)
        {
            foreach (var t in Expand(method.ReturnType)) yield return t;
            foreach (var p in method.Parameters)
            {
                foreach (var t in Expand(p.ParameterType)) yield return t;
            }

            if (!method.HasBody)
            {
                continue;
            }

            foreach (var local in method.Body.Variables)
            {
                foreach (var t in Expand(local.VariableType)) yield return t;
            }

            foreach (var instruction in method.Body.Instructions)
            {
                switch (instruction.Operand)
                {
                    case TypeReference t:
                        foreach (var x in Expand(t)) yield return x;
                        break;
                    case MethodReference m:
                        foreach (var x in Expand(m.DeclaringType)) yield return x;
                        foreach (var x in Expand(m.ReturnType)) yield return x;
                        if (m is GenericInstanceMethod g)
                        {
                            foreach (var arg in g.GenericArguments)
                            {
                                foreach (var x in Expand(arg)) yield return x;
                            }
                        }

                        break;
                    case FieldReference f:
                        foreach (var x in Expand(f.DeclaringType)) yield return x;
                        foreach (var x in Expand(f.FieldType)) yield return x;
                        break;
                }
            }
        }
    }

    private static IEnumerable<TypeReference> Expand(TypeReference type)
    {
        yield return type;
        if (type is GenericInstanceType generic)
        {
            foreach (var arg in generic.GenericArguments)
            {
                foreach (var t in Expand(arg)) yield return t;
            }
        }
        else if (type is TypeSpecification spec)
        {
            foreach (var t in Expand(spec.ElementType)) yield return t;
        }
    }
}
