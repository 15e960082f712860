using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using TwelveFactor.Core.Pipelines;
using YamlDotNet.Serialization;

namespace TwelveFactor.Core.Config;

/// <summary>Writes resolved config in the formats other tools read. Facts per format: shared/FORMATS.md.</summary>
public static class ConfigExporter
{
    /// <param name="values">The resolved values, in order.</param>
    /// <param name="format">The target format.</param>
    /// <param name="maskSecrets">Replace secret values by the mask in document formats (for display, not for use).</param>
    public static ConfigExport Export(IEnumerable<ConfigValue> values, ConfigExportFormat format, bool maskSecrets)
    {
        var skipped = new List<ConfigExportSkip>();
        var commands = new List<string>();
        string text = format switch
        {
            ConfigExportFormat.Dotenv => Dotenv(values, maskSecrets),
            ConfigExportFormat.Json => Json(values, maskSecrets),
            ConfigExportFormat.Yaml => Yaml(values, maskSecrets),
            ConfigExportFormat.DockerEnvFile => DockerEnvFile(values, maskSecrets, skipped),
            ConfigExportFormat.AzureDevOps => AzureDevOps(values, commands, skipped),
            ConfigExportFormat.GitHubActions => GitHubActions(values, commands, skipped),
            _ => throw new ArgumentOutOfRangeException(nameof(format), format, "Unknown export format."),
        };
        return new ConfigExport(text, commands, skipped);
    }

    private static string Shown(ConfigValue value, bool maskSecrets) => maskSecrets && value.IsSecret ? value.DisplayValue : value.Value;

    private static string Dotenv(IEnumerable<ConfigValue> values, bool maskSecrets)
    {
        var builder = new StringBuilder();
        foreach (var value in values)
        {
            if (value.IsSecret)
            {
                builder.Append(EnvDocument.SecretAnnotation).Append('\n');
            }

            builder.Append(value.Name).Append('=').Append(EnvValueWriter.Format(Shown(value, maskSecrets))).Append('\n');
        }

        return builder.ToString();
    }

    private static string Json(IEnumerable<ConfigValue> values, bool maskSecrets)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            writer.WriteStartObject();
            foreach (var value in values)
            {
                writer.WriteString(value.Name, Shown(value, maskSecrets));
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private static string Yaml(IEnumerable<ConfigValue> values, bool maskSecrets)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            map[value.Name] = Shown(value, maskSecrets);
        }

        // Quoting necessary strings keeps "true", "0123" and "null" strings when another tool reads them back.
        var serializer = new SerializerBuilder().WithQuotingNecessaryStrings().Build();
        return serializer.Serialize(map);
    }

    private static string DockerEnvFile(IEnumerable<ConfigValue> values, bool maskSecrets, List<ConfigExportSkip> skipped)
    {
        var builder = new StringBuilder();
        foreach (var value in values)
        {
            string shown = Shown(value, maskSecrets);
            if (shown.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                skipped.Add(new ConfigExportSkip(value.Name, "docker run --env-file reads one line per variable; a multi-line value cannot be written."));
                continue;
            }

            builder.Append(value.Name).Append('=').Append(shown).Append('\n');
        }

        return builder.ToString();
    }

    private static string AzureDevOps(IEnumerable<ConfigValue> values, List<string> commands, List<ConfigExportSkip> skipped)
    {
        foreach (var value in values)
        {
            if (value.IsSecret && value.Value.AsSpan().IndexOfAny('\r', '\n') >= 0)
            {
                // The agent fails the task on a multi-line secret and logs that line unmasked: never emit it.
                skipped.Add(new ConfigExportSkip(value.Name, "Azure Pipelines cannot hold a multi-line secret variable; store it base64-encoded or as a secure file."));
                continue;
            }

            string secret = value.IsSecret ? ";issecret=true" : string.Empty;
            commands.Add($"##vso[task.setvariable variable={AzurePipelinesEscaper.Escape(value.Name)}{secret}]{AzurePipelinesEscaper.Escape(value.Value)}");
        }

        return string.Empty;
    }

    private static string GitHubActions(IEnumerable<ConfigValue> values, List<string> commands, List<ConfigExportSkip> skipped)
    {
        var builder = new StringBuilder();
        foreach (var value in values)
        {
            if (string.Equals(value.Name, "NODE_OPTIONS", StringComparison.OrdinalIgnoreCase))
            {
                skipped.Add(new ConfigExportSkip(value.Name, "GitHub Actions refuses NODE_OPTIONS in $GITHUB_ENV."));
                continue;
            }

            if (value.IsSecret)
            {
                // The runner masks line by line, so a multi-line secret is masked one line at a time.
                foreach (string line in value.Value.Split('\n'))
                {
                    string trimmed = line.TrimEnd('\r');
                    if (trimmed.Length > 0)
                    {
                        commands.Add("::add-mask::" + EscapeGitHubData(trimmed));
                    }
                }
            }

            if (value.Value.AsSpan().IndexOfAny('\r', '\n') < 0)
            {
                builder.Append(value.Name).Append('=').Append(value.Value).Append('\n');
                continue;
            }

            // A random delimiter that the value does not contain, so the value cannot end the heredoc early.
            string delimiter;
            do
            {
                delimiter = "ghadelimiter_" + Guid.NewGuid().ToString("N");
            }
            while (value.Value.Contains(delimiter, StringComparison.Ordinal));

            builder.Append(value.Name).Append("<<").Append(delimiter).Append('\n')
                .Append(value.Value).Append('\n')
                .Append(delimiter).Append('\n');
        }

        return builder.ToString();
    }

    private static string EscapeGitHubData(string text) =>
        text.Replace("%", "%25", StringComparison.Ordinal).Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);
}
