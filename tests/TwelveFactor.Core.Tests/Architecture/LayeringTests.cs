using System;
using System.Collections.Generic;
using System.Linq;

namespace TwelveFactor.Core.Tests.Architecture;

/// <summary>
/// The arrows of docs/ARCHITECTURE.md, checked against the compiled Core assembly rather than trusted to review:
/// no area of Core uses one that uses it back, and each uses only the areas below it.
/// </summary>
public class LayeringTests
{
    private static readonly NamespaceGraph Graph = NamespaceGraph.Read(typeof(TwelveFactor.Core.Config.EnvParser).Assembly.Location);

    // Each area and the areas it may use. Resources are the generated message classes every area formats from.
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["Resources"] = Array.Empty<string>(),
        ["Foundation"] = new[] { "Resources" },
        ["ContinuousIntegration"] = new[] { "Foundation", "Resources" },
        ["Config"] = new[] { "Foundation", "ContinuousIntegration", "Resources" },
        ["BackingServices"] = new[] { "Foundation", "Config", "Resources" },
        ["Releases"] = new[] { "Foundation", "ContinuousIntegration", "Config", "BackingServices", "Resources" },
        ["Supervision"] = new[] { "Foundation", "ContinuousIntegration", "Resources" },
        ["AdminProcesses"] = new[] { "Foundation", "ContinuousIntegration", "Config", "BackingServices", "Releases", "Supervision", "Resources" },
        ["Processes"] = new[] { "Foundation", "ContinuousIntegration", "Config", "BackingServices", "Releases", "Supervision", "AdminProcesses", "Resources" },
        ["Parity"] = new[] { "Foundation", "ContinuousIntegration", "Config", "BackingServices", "Releases", "Resources" },
    };

    [Fact]
    public void NoAreaUsesOneThatUsesItBack()
    {
        var cycles = Graph.Cycles();
        Assert.True(cycles.Count == 0, "Core's areas call each other in loops:\n" + string.Join("\n", cycles.Select(Describe)));
    }

    [Fact]
    public void EveryAreaUsesOnlyTheAreasBelowIt()
    {
        var wrong = new List<string>();
        foreach (var (from, targets) in Graph.Edges)
        {
            if (!Allowed.TryGetValue(from, out string[]? allowed))
            {
                wrong.Add($"{from} is a new area: give it a place in docs/ARCHITECTURE.md and in this test's table");
                continue;
            }

            wrong.AddRange(targets.Where(t => !allowed.Contains(t)).Select(t => $"{from} -> {t} ({Graph.Witnesses[(from, t)]})"));
        }

        Assert.True(wrong.Count == 0, "Arrows against the layering:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void TheGraphSeesTheArrowsItChecks()
    {
        // A walker that found nothing would pass the two tests above; these arrows exist by design.
        Assert.Contains("Config", Graph.Edges["Releases"]);
        Assert.Contains("Releases", Graph.Edges["AdminProcesses"]);
        Assert.Contains("Supervision", Graph.Edges["AdminProcesses"]);
        Assert.Contains("BackingServices", Graph.Edges["Parity"]);
        Assert.True(Graph.Edges.Count >= 9, "areas found: " + string.Join(", ", Graph.Edges.Keys));
    }

    private static string Describe(IReadOnlyList<string> cycle) =>
        string.Join(" -> ", cycle) + "\n   " + string.Join("\n   ", cycle.Zip(cycle.Skip(1)).Select(p => Graph.Witnesses[(p.First, p.Second)]));
}
