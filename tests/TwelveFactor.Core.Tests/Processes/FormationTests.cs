using System.Linq;
using TwelveFactor.Core.Foundation;
using TwelveFactor.Core.Processes;

namespace TwelveFactor.Core.Tests.Processes;

public sealed class FormationTests
{
    private static readonly Procfile App = Procfile.Parse("web: w\nworker: k\nclock: c\n");

    [Fact]
    public void PortsAreAssignedAsForemanDoes()
    {
        var plan = Formation.Parse("web=2,worker=3").Plan(App, 5000);

        Assert.Equal(new[] { "web.1", "web.2", "worker.1", "worker.2", "worker.3" }, plan.Select(i => i.Name));
        Assert.Equal(new[] { 5000, 5001, 5100, 5101, 5102 }, plan.Select(i => i.Port));
    }

    [Fact]
    public void NoFormationRunsOneOfEachAndAllSetsTheRest()
    {
        Assert.Equal(new[] { "web.1", "worker.1", "clock.1" }, Formation.Parse(null).Plan(App, 5000).Select(i => i.Name));
        Assert.Equal(new[] { 5000, 5001, 5100, 5101, 5200 }, Formation.Parse("all=2,clock=1").Plan(App, 5000).Select(i => i.Port));
        Assert.Equal(new[] { "worker.1" }, Formation.Parse("all=0,worker=1").Plan(App, 5000).Select(i => i.Name));
    }

    [Theory]
    [InlineData("web")]
    [InlineData("web=two")]
    [InlineData("web=-1")]
    [InlineData("web=101")]
    [InlineData("w eb=1")]
    public void AMalformedItemIsFormationInvalid(string text)
    {
        Assert.Equal(ProblemId.FormationInvalid, Assert.Throws<ProcfileException>(() => Formation.Parse(text)).Problem);
    }

    [Fact]
    public void ATypeTheProcfileLacksIsNamed()
    {
        var error = Assert.Throws<ProcfileException>(() => Formation.Parse("wbe=1").Plan(App, 5000));
        Assert.Equal(ProblemId.ProcessTypeNotFound, error.Problem);
        Assert.Equal("wbe", error.Target);
        Assert.Contains("web, worker, clock", error.Message);
    }

    [Fact]
    public void APortPast65535IsRefused()
    {
        Assert.Equal(ProblemId.FormationInvalid, Assert.Throws<ProcfileException>(() => Formation.Parse("clock=1").Plan(App, 65400)).Problem);
    }
}
