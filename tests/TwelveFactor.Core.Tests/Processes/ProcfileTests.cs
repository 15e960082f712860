using System.Linq;
using TwelveFactor.Core.Foundation;
using TwelveFactor.Core.Processes;

namespace TwelveFactor.Core.Tests.Processes;

public sealed class ProcfileTests
{
    [Fact]
    public void TypesComeInFileOrderWithTheirLines()
    {
        Procfile procfile = Procfile.Parse("# comment\nweb: bundle exec puma -p $PORT\r\n\nworker:   sidekiq -C config.yml  \nrelease:rake db:migrate\n");

        Assert.Equal(new[] { "web", "worker", "release" }, procfile.Types.Select(t => t.Name));
        Assert.Equal(new[] { 2, 4, 5 }, procfile.Types.Select(t => t.Line));
        Assert.Equal("bundle exec puma -p $PORT", procfile.Types[0].Command);
        Assert.Equal("sidekiq -C config.yml", procfile.Types[1].Command);
        Assert.Equal("rake db:migrate", procfile.Types[2].Command);
        Assert.Empty(procfile.Problems);
    }

    [Fact]
    public void LinesNoToolWouldRunAndDuplicatesAreReportedWithTheirLine()
    {
        Procfile procfile = Procfile.Parse("web: a\nweb.1: b\nnot a process line\nweb: c\nworker:\n");

        Assert.Equal(new[] { "web" }, procfile.Types.Select(t => t.Name));
        Assert.Equal("a", procfile.Types[0].Command);
        Assert.Equal(new[] { 2, 3, 4, 5 }, procfile.Problems.Select(p => p.Line));
        Assert.True(procfile.Problems.Single(p => p.Line == 4).IsDuplicate);
        Assert.Contains("line 1", procfile.Problems.Single(p => p.Line == 4).Message);
    }

    [Fact]
    public void AMissingProcfileIsProcfileNotFound()
    {
        var error = Assert.Throws<ProcfileException>(() => Procfile.Read("/nonexistent/Procfile"));
        Assert.Equal(ProblemId.ProcfileNotFound, error.Problem);
        Assert.Equal("/nonexistent/Procfile", error.Target);
    }

    [Fact]
    public void EachToolsRulesAreReportedPerLine()
    {
        var findings = ProcfileLinter.Lint("web:puma\nWeb_Admin: x\nworker: a\nworker: b\n# fine\nbad line\n");

        Assert.Equal(new[] { (ProcfileTool.Overmind, 1, "NoSpaceAfterColon") }, findings.Where(f => f.Line == 1).Select(f => (f.Tool, f.Line, f.Rule)));
        Assert.Equal(new[] { (ProcfileTool.Dokku, "NameNotDnsLabel") }, findings.Where(f => f.Line == 2).Select(f => (f.Tool, f.Rule)));
        Assert.Equal(new[] { ProcfileTool.Foreman, ProcfileTool.Dokku }, findings.Where(f => f.Line == 4).Select(f => f.Tool));
        Assert.Equal(new[] { "LineIgnored", "LineIgnored", "LineRejected" }, findings.Where(f => f.Line == 6).Select(f => f.Rule));
        Assert.DoesNotContain(findings, f => f.Line == 3 || f.Line == 5);
    }

    [Fact]
    public void ACleanProcfileHasNoFindings()
    {
        Assert.Empty(ProcfileLinter.Lint("web: bin/web\nworker: bin/worker --queue default\n"));
    }
}
