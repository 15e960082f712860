using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using TwelveFactor.Core.Config;
using TwelveFactor.Core.Resources;
using YamlDotNet.RepresentationModel;

namespace TwelveFactor.Core.Processes;

/// <summary>
/// Turns a formation into what production engines run, as foreman's <c>export</c> does for init systems. Secret
/// values never go into a unit, compose file or manifest in the clear: systemd and compose get an owner-only env
/// file the unit or service points at, Kubernetes a Secret in its own owner-only file that the Deployments reference.
/// </summary>
public static class FormationExporter
{
    /// <summary>The files for <paramref name="request"/> in <paramref name="format"/>.</summary>
    public static FormationExport Export(FormationExportRequest request, FormationExportFormat format)
    {
        ArgumentNullException.ThrowIfNull(request);
        var skipped = new List<ConfigExportSkip>();
        IReadOnlyList<ExportedFile> files = format switch
        {
            FormationExportFormat.Systemd => Systemd(request, skipped),
            FormationExportFormat.Compose => Compose(request, skipped),
            FormationExportFormat.Kubernetes => KubernetesManifests.Build(request),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
        };
        return new FormationExport(files, skipped);
    }

    /// <summary>The port of instance <paramref name="number"/> of the type at <paramref name="index"/> (foreman's rule).</summary>
    internal static int PortOf(FormationExportRequest request, int index, int number)
    {
        int port = request.BasePort + (100 * index) + number - 1;
        return port <= 65535
            ? port
            : throw new ProcfileException(Foundation.ProblemId.FormationInvalid, request.Counts[index].Type.Name, string.Format(CultureInfo.CurrentCulture, CoreStrings.FormationPortTooHigh, request.Counts[index].Type.Name, number, port));
    }

    private static IReadOnlyList<ExportedFile> Systemd(FormationExportRequest request, List<ConfigExportSkip> skipped)
    {
        string app = request.App;
        string envFile = System.IO.Path.Combine(request.Destination, app + ".env");
        var files = new List<ExportedFile>();
        var instances = new List<string>();
        for (int index = 0; index < request.Counts.Count; index++)
        {
            (ProcessTypeDefinition type, int count) = request.Counts[index];
            for (int number = 1; number <= count; number++)
            {
                instances.Add($"{app}-{type.Name}@{PortOf(request, index, number).ToString(CultureInfo.InvariantCulture)}.service");
            }

            var unit = new StringBuilder()
                .Append("[Unit]\n")
                .Append(CultureInfo.InvariantCulture, $"Description={app} {type.Name} on port %i\n")
                .Append(CultureInfo.InvariantCulture, $"PartOf={app}.target\n")
                .Append("After=network.target\n\n")
                .Append("[Service]\n")
                .Append("Type=simple\n")
                .Append("WorkingDirectory=").Append(SystemdPath(request.AppRoot)).Append('\n')
                .Append("EnvironmentFile=").Append(SystemdPath(envFile)).Append('\n')
                .Append("Environment=PORT=%i\n")
                .Append(CultureInfo.InvariantCulture, $"Environment=PS={type.Name}.%i\n")
                .Append("ExecStart=/bin/sh -c ").Append(SystemdQuote(type.Command)).Append('\n')
                // mixed: SIGTERM to the main process, then SIGKILL to the whole cgroup after the timeout: no orphans.
                .Append("KillMode=mixed\n")
                .Append("KillSignal=SIGTERM\n")
                .Append(CultureInfo.InvariantCulture, $"TimeoutStopSec={Math.Max(1, (int)Math.Ceiling(request.ShutdownGracePeriod.TotalSeconds))}\n")
                .Append("Restart=on-failure\n");
            if (!string.IsNullOrEmpty(request.User))
            {
                unit.Append("User=").Append(request.User).Append('\n');
            }

            files.Add(new ExportedFile($"{app}-{type.Name}@.service", unit.ToString(), OwnerOnly: false, "service"));
        }

        string target = new StringBuilder()
            .Append("[Unit]\n")
            .Append(CultureInfo.InvariantCulture, $"Description={app} (exported by TwelveFactor)\n")
            .Append("Wants=").Append(string.Join(' ', instances)).Append("\n\n")
            .Append("[Install]\n")
            .Append("WantedBy=multi-user.target\n")
            .ToString();
        files.Insert(0, new ExportedFile(app + ".target", target, OwnerOnly: false, "target"));
        files.Add(new ExportedFile(app + ".env", SystemdEnvironmentFile(request.Config, skipped), OwnerOnly: true, "env-file"));
        return files;
    }

    // systemd reads "KEY=value" lines; a double-quoted value keeps spaces, and \" and \\ are its escapes. It performs
    // no variable expansion in an EnvironmentFile, so '$' needs nothing.
    private static string SystemdEnvironmentFile(IReadOnlyList<ExportedConfigValue> config, List<ConfigExportSkip> skipped)
    {
        var builder = new StringBuilder();
        foreach (ExportedConfigValue value in config)
        {
            if (value.Value.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                skipped.Add(new ConfigExportSkip(value.Name, CoreStrings.ExportMultiLineValue));
                continue;
            }

            builder.Append(value.Name).Append("=\"").Append(value.Value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)).Append("\"\n");
        }

        return builder.ToString();
    }

    // A word of a unit file's command line: double-quoted, with systemd's escapes for '\' and '"', '%' doubled (its
    // specifiers) and '$' doubled (its variable substitution), so the shell sees the Procfile's line as written.
    private static string SystemdQuote(string text) =>
        "\"" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)
            .Replace("%", "%%", StringComparison.Ordinal).Replace("$", "$$", StringComparison.Ordinal) + "\"";

    // A path setting takes the path as it is (no quotes); only '%' (specifiers) needs escaping. A path must be
    // absolute and on one line, or the unit would mean something else.
    private static string SystemdPath(string path)
    {
        if (!path.StartsWith('/') || path.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ProcfileException(Foundation.ProblemId.FormationInvalid, path, string.Format(CultureInfo.CurrentCulture, CoreStrings.ExportPathNotAbsolute, path));
        }

        return path.Replace("%", "%%", StringComparison.Ordinal);
    }

    private static IReadOnlyList<ExportedFile> Compose(FormationExportRequest request, List<ConfigExportSkip> skipped)
    {
        string secretsFile = request.App + ".secrets.env";
        bool hasSecrets = request.Config.Any(v => v.IsSecret);
        var services = new YamlMappingNode();
        for (int index = 0; index < request.Counts.Count; index++)
        {
            (ProcessTypeDefinition type, int count) = request.Counts[index];
            int port = PortOf(request, index, 1);
            var service = new YamlMappingNode();
            if (request.Image is not null)
            {
                service.Add("image", Quoted(request.Image));
            }
            else
            {
                service.Add("build", Quoted(request.AppRoot));
            }

            // Compose interpolates ${VAR} and $VAR in the file itself: '$$' hands a '$' to the shell.
            service.Add("command", new YamlSequenceNode(Quoted("/bin/sh"), Quoted("-c"), Quoted(type.Command.Replace("$", "$$", StringComparison.Ordinal))));
            var environment = new YamlMappingNode
            {
                { "PORT", Quoted(port.ToString(CultureInfo.InvariantCulture)) },
                { "PS", Quoted(type.Name) },
            };
            foreach (ExportedConfigValue value in request.Config.Where(v => !v.IsSecret && v.Name is not ("PORT" or "PS")))
            {
                environment.Add(value.Name, Quoted(value.Value.Replace("$", "$$", StringComparison.Ordinal)));
            }

            service.Add("environment", environment);
            if (hasSecrets)
            {
                service.Add("env_file", new YamlSequenceNode(Quoted(secretsFile)));
            }

            service.Add("deploy", new YamlMappingNode { { "replicas", new YamlScalarNode(count.ToString(CultureInfo.InvariantCulture)) } });
            service.Add("stop_grace_period", Quoted(((int)Math.Ceiling(request.ShutdownGracePeriod.TotalSeconds)).ToString(CultureInfo.InvariantCulture) + "s"));
            if (type.Name == "web")
            {
                // The container's port only: the engine picks a host port per replica, so replicas never collide.
                service.Add("ports", new YamlSequenceNode(Quoted(port.ToString(CultureInfo.InvariantCulture))));
            }

            services.Add(type.Name, service);
        }

        // No top-level "name": docker-compose 1.x refuses it; the project takes the folder's name, or -p.
        var root = new YamlMappingNode { { "services", services } };
        var files = new List<ExportedFile> { new("compose.yaml", Yaml(root), OwnerOnly: false, "compose") };
        if (hasSecrets)
        {
            // Compose reads env_file with its env-file grammar, not docker run's: an unquoted value is interpolated
            // ($x, ${x}), cut at " #" and unquoted, so "p #ss", "'q'" or "tok$en" written as they are reached the
            // container changed. Each value is written as EnvValueWriter quotes it (single quotes are literal to
            // compose; double quotes with escapes hold the rest, a value of several lines included).
            var text = new StringBuilder();
            foreach (ExportedConfigValue secret in request.Config.Where(v => v.IsSecret))
            {
                text.Append(secret.Name).Append('=').Append(EnvValueWriter.Format(secret.Value)).Append('\n');
            }

            files.Add(new ExportedFile(secretsFile, text.ToString(), OwnerOnly: true, "env-file"));
        }

        return files;
    }

    private static YamlScalarNode Quoted(string text) => new(text) { Style = YamlDotNet.Core.ScalarStyle.DoubleQuoted };

    private static string Yaml(YamlNode root)
    {
        using var writer = new System.IO.StringWriter(CultureInfo.InvariantCulture);
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        string text = writer.ToString();
        // YamlStream ends a document with "...": compose accepts it, but people expect a file to end with the last key.
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }
}
