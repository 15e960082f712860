using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using k8s;
using k8s.Models;
using TwelveFactor.Core.Processes;
using TwelveFactor.Core.Tests.AdminProcesses;

namespace TwelveFactor.Core.Tests.Processes;

/// <summary>Each export is checked by the tool that reads it in production, where this machine has it.</summary>
public sealed class FormationExporterTests
{
    private const string Secret = "s3cr3t-p4ss-w0rd";

    private static FormationExportRequest Request(string destination, string? image = "registry.example/shop@sha256:" + "ab12")
    {
        Procfile procfile = Procfile.Parse("web: bin/web --port $PORT --greeting \"100% ok\"\nworker: bin/worker\n");
        return new FormationExportRequest
        {
            App = "shop",
            Counts = Formation.Parse("web=2,worker=1").Counts(procfile),
            Config = new[]
            {
                new ExportedConfigValue("LOG_LEVEL", "info", false),
                new ExportedConfigValue("GREETING", "it costs $5", false),
                new ExportedConfigValue("DATABASE_PASSWORD", Secret, true),
            },
            AppRoot = "/srv/shop/current",
            Destination = destination,
            Image = image,
            ShutdownGracePeriod = TimeSpan.FromSeconds(15),
        };
    }

    private static string Write(FormationExport export)
    {
        string folder = TaskHarness.TempDirectory();
        foreach (ExportedFile file in export.Files)
        {
            File.WriteAllText(Path.Combine(folder, file.Name), file.Content);
        }

        return folder;
    }

    private static (int ExitCode, string Output) Run(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        string output = process.StandardOutput.ReadToEnd() + process.StandardError.ReadToEnd();
        process.WaitForExit();
        return (process.ExitCode, output);
    }

    private static string? Tool(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);

    [Fact]
    public void SystemdGetsATargetATemplatePerTypeAndAnOwnerOnlyEnvironmentFile()
    {
        FormationExport export = FormationExporter.Export(Request("/etc/twelvefactor"), FormationExportFormat.Systemd);

        Assert.Equal(new[] { "shop.target", "shop-web@.service", "shop-worker@.service", "shop.env" }, export.Files.Select(f => f.Name));
        string target = export.Files[0].Content;
        Assert.Contains("Wants=shop-web@5000.service shop-web@5001.service shop-worker@5100.service", target);
        string web = export.Files[1].Content;
        Assert.Contains("ExecStart=/bin/sh -c \"bin/web --port $$PORT --greeting \\\"100%% ok\\\"\"", web);
        Assert.Contains("EnvironmentFile=/etc/twelvefactor/shop.env\n", web);
        Assert.Contains("WorkingDirectory=/srv/shop/current\n", web);
        Assert.Contains("TimeoutStopSec=15", web);
        Assert.Contains("KillMode=mixed", web);
        Assert.All(export.Files.Where(f => !f.OwnerOnly), f => Assert.DoesNotContain(Secret, f.Content));
        ExportedFile env = export.Files.Single(f => f.OwnerOnly);
        Assert.Contains("DATABASE_PASSWORD=\"" + Secret + "\"", env.Content);
        Assert.Contains("GREETING=\"it costs $5\"", env.Content);
    }

    [Fact]
    public void SystemdAnalyzeAcceptsTheUnits()
    {
        string? analyze = Tool("systemd-analyze");
        if (analyze is null)
        {
            Assert.Fail("systemd-analyze is not installed: .ci/run installs Debian's systemd for this test.");
        }

        string folder = TaskHarness.TempDirectory();
        FormationExport export = FormationExporter.Export(Request(folder) with { AppRoot = folder }, FormationExportFormat.Systemd);
        foreach (ExportedFile file in export.Files)
        {
            File.WriteAllText(Path.Combine(folder, file.Name), file.Content.Replace("bin/web", "/bin/true", StringComparison.Ordinal).Replace("bin/worker", "/bin/true", StringComparison.Ordinal));
        }

        (int code, string output) = Run(analyze, "verify", "--man=no", Path.Combine(folder, "shop.target"), Path.Combine(folder, "shop-web@5000.service"), Path.Combine(folder, "shop-worker@5100.service"));

        Assert.True(code == 0 && !output.Contains("shop", StringComparison.Ordinal), output);
    }

    [Fact]
    public void ComposeGetsReplicasPlainValuesAndAnOwnerOnlySecretsFile()
    {
        FormationExport export = FormationExporter.Export(Request("/x"), FormationExportFormat.Compose);

        Assert.Equal(new[] { "compose.yaml", "shop.secrets.env" }, export.Files.Select(f => f.Name));
        string compose = export.Files[0].Content;
        Assert.DoesNotContain(Secret, compose);
        Assert.Contains("replicas: 2", compose);
        Assert.Contains("\"bin/web --port $$PORT --greeting \\\"100% ok\\\"\"", compose);
        Assert.Contains("GREETING: \"it costs $$5\"", compose);
        Assert.True(export.Files[1].OwnerOnly);
        Assert.Equal("DATABASE_PASSWORD=" + Secret + "\n", export.Files[1].Content);
    }

    [Fact]
    public void DockerComposeAcceptsTheFile()
    {
        string? dockerCompose = Tool("docker-compose");
        if (dockerCompose is null)
        {
            Assert.Fail("docker-compose is not installed: .ci/run installs Debian's docker-compose for this test.");
        }

        string folder = Write(FormationExporter.Export(Request("/x"), FormationExportFormat.Compose));

        (int code, string output) = Run(dockerCompose, "--project-directory", folder, "-f", Path.Combine(folder, "compose.yaml"), "config");

        Assert.True(code == 0, output);
        Assert.Contains("replicas: 2", output);
        Assert.Contains("bin/web --port $$PORT", output);
        Assert.Contains("DATABASE_PASSWORD: " + Secret, output); // compose read the env_file it points at
    }

    // Secrets as generated passwords and pasted keys are: each character compose's env-file grammar treats specially.
    private static readonly string[] HardSecrets =
    {
        "tok$en", "p #ss w$rd", "'q'", "a\"b", "x\\y", "it's $x", " lead", "ends\\", "line1\nline2", "${HOME}x",
    };

    private static FormationExportRequest HardSecretsRequest(IEnumerable<string> values) => Request("/x") with
    {
        Config = values.Select((value, i) => new ExportedConfigValue("SECRET_" + i, value, true)).ToArray(),
    };

    // Where docker-compose 1.x (python-dotenv, the one Debian ships) reads differently from compose 2 (compose-go,
    // FORMATS.md): it expands ${NAME} inside single quotes, keeps the backslash of \$, and cannot parse a double-quoted
    // value that ends in an escaped backslash (it then drops the statement after it too).
    private static bool ReadAlikeByVersion1(string value) =>
        !value.Contains("${", StringComparison.Ordinal)
        && !(value.Contains('$', StringComparison.Ordinal) && value.Contains('\'', StringComparison.Ordinal)) // written "...\$..."
        && !value.EndsWith('\\');

    [Fact]
    public void ComposeSecretsReadBackAsTheyWereUnderComposesEnvFileGrammar()
    {
        // The env_file compose reads: read here with the module's compose grammar (FORMATS.md: unquoted values are
        // interpolated and cut at " #", quotes are taken off), with nothing in the process environment.
        string folder = Write(FormationExporter.Export(HardSecretsRequest(HardSecrets), FormationExportFormat.Compose));
        string secrets = Path.Combine(folder, "shop.secrets.env");

        var resolution = new TwelveFactor.Core.Config.ConfigResolver(_ => null).Resolve(new[] { secrets }, filesAreExplicit: true, TwelveFactor.Core.Config.ConfigPrecedence.FilesOnly);

        Assert.Empty(resolution.Failures);
        Assert.Equal(HardSecrets, resolution.Values.OrderBy(v => int.Parse(v.Name["SECRET_".Length..], System.Globalization.CultureInfo.InvariantCulture)).Select(v => v.Value));
    }

    [Fact]
    public async Task DockerComposeReadsTheSecretsAsTheyWere()
    {
        string? dockerCompose = Tool("docker-compose");
        if (dockerCompose is null)
        {
            Assert.Fail("docker-compose is not installed: .ci/run installs Debian's docker-compose for this test.");
        }

        string[] values = HardSecrets.Where(ReadAlikeByVersion1).ToArray();
        Assert.Equal(7, values.Length);
        string folder = Write(FormationExporter.Export(HardSecretsRequest(values), FormationExportFormat.Compose));

        var start = new ProcessStartInfo(dockerCompose!) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { "--project-directory", folder, "-f", Path.Combine(folder, "compose.yaml"), "config" })
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start)!;
        Task<string> errors = process.StandardError.ReadToEndAsync();
        string output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();

        // config prints each service's environment with '$' doubled, as compose would read it back.
        Assert.True(process.ExitCode == 0, output + await errors);
        var stream = new YamlDotNet.RepresentationModel.YamlStream();
        stream.Load(new StringReader(output));
        var root = (YamlDotNet.RepresentationModel.YamlMappingNode)stream.Documents[0].RootNode;
        var web = (YamlDotNet.RepresentationModel.YamlMappingNode)((YamlDotNet.RepresentationModel.YamlMappingNode)root["services"])["web"];
        var environment = (YamlDotNet.RepresentationModel.YamlMappingNode)web["environment"];
        for (int i = 0; i < values.Length; i++)
        {
            string read = ((YamlDotNet.RepresentationModel.YamlScalarNode)environment["SECRET_" + i]).Value!.Replace("$$", "$", StringComparison.Ordinal);
            Assert.Equal(values[i], read);
        }
    }

    [Fact]
    public void KubernetesManifestsLoadWithTheKubernetesClientAndKeepSecretsInTheSecret()
    {
        FormationExport export = FormationExporter.Export(Request("/x"), FormationExportFormat.Kubernetes);

        Assert.Equal(new[] { "shop.yaml", "shop-secrets.yaml" }, export.Files.Select(f => f.Name));
        Assert.DoesNotContain(Secret, export.Files[0].Content);
        List<object> objects = KubernetesYaml.LoadAllFromString(export.Files[0].Content);
        var deployments = objects.OfType<V1Deployment>().ToDictionary(d => d.Metadata.Name);
        Assert.Equal(2, deployments["shop-web"].Spec.Replicas);
        Assert.Equal(1, deployments["shop-worker"].Spec.Replicas);
        V1Container web = deployments["shop-web"].Spec.Template.Spec.Containers.Single();
        Assert.Equal(new[] { "/bin/sh", "-c", "bin/web --port $PORT --greeting \"100% ok\"" }, web.Command);
        Assert.Equal(new[] { "shop-config", "shop-secrets" }, web.EnvFrom.Select(e => e.ConfigMapRef?.Name ?? e.SecretRef.Name));
        Assert.Equal(15, deployments["shop-web"].Spec.Template.Spec.TerminationGracePeriodSeconds);
        Assert.Equal(5000, objects.OfType<V1Service>().Single().Spec.Ports.Single().Port);
        Assert.Equal("info", objects.OfType<V1ConfigMap>().Single().Data["LOG_LEVEL"]);

        Assert.True(export.Files[1].OwnerOnly);
        var secret = (V1Secret)KubernetesYaml.LoadAllFromString(export.Files[1].Content).Single();
        Assert.Equal(Secret, secret.StringData["DATABASE_PASSWORD"]);
    }

    [Fact]
    public void APortPast65535IsRefusedInEveryFormat()
    {
        foreach (FormationExportFormat format in new[] { FormationExportFormat.Systemd, FormationExportFormat.Compose, FormationExportFormat.Kubernetes })
        {
            var error = Assert.Throws<ProcfileException>(() => FormationExporter.Export(Request("/x") with { BasePort = 65500 }, format));
            Assert.Equal(TwelveFactor.Core.Foundation.ProblemId.FormationInvalid, error.Problem);
            Assert.Equal("worker", error.Target);
        }
    }

    [Fact]
    public void KubernetesNeedsAnImage()
    {
        Assert.Throws<ProcfileException>(() => FormationExporter.Export(Request("/x", image: null), FormationExportFormat.Kubernetes));
    }
}
