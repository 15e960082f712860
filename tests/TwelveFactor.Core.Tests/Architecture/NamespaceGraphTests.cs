using System.Collections.Generic;
using System.Linq;

namespace TwelveFactor.Core.Tests.Architecture;

/// <summary>The cycle finder itself, on graphs whose answer is known, so a layering test cannot pass by accident.</summary>
public class NamespaceGraphTests
{
    [Fact]
    public void FindsATwoAndAThreeAreaLoop()
    {
        var edges = new Dictionary<string, HashSet<string>>
        {
            ["A"] = new() { "B" },
            ["B"] = new() { "A", "C" },
            ["C"] = new() { "D" },
            ["D"] = new() { "B" },
        };

        var cycles = NamespaceGraph.CyclesOf(edges).Select(c => string.Join(">", c)).ToList();

        Assert.Contains("A>B>A", cycles);
        Assert.Contains("B>C>D>B", cycles);
        Assert.Equal(2, cycles.Count);
    }

    [Fact]
    public void ALayeredGraphHasNoLoop()
    {
        var edges = new Dictionary<string, HashSet<string>>
        {
            ["Top"] = new() { "Mid", "Base" },
            ["Mid"] = new() { "Base" },
            ["Base"] = new(),
        };

        Assert.Empty(NamespaceGraph.CyclesOf(edges));
    }
}
