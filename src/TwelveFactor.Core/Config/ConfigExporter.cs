using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using TwelveFactor.Core.ContinuousIntegration;

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

    // Every key and value double-quoted: YAML 1.1 readers (PyYAML, Ruby's Psych) read unquoted yes, no, on, off,
    // 12:30, 0755 and 2024-01-01 as booleans, numbers and dates, and YAML 1.2 readers read true, null and 1e3 so;
    // a double-quoted scalar is a string in every YAML version and every reader.
    private static string Yaml(IEnumerable<ConfigValue> values, bool maskSecrets)
    {
        var builder = new StringBuilder();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var value in values)
        {
            if (seen.Add(value.Name))
            {
                builder.Append(YamlQuoted(value.Name)).Append(": ").Append(YamlQuoted(Shown(value, maskSecrets))).Append('\n');
            }
        }

        return builder.Length == 0 ? "{}\n" : builder.ToString();
    }

    private static string YamlQuoted(string text)
    {
        var builder = new StringBuilder(text.Length + 2);
        builder.Append('"');
        foreach (char c in text)
        {
            switch (c)
            {
                case '\\': builder.Append("\\\\"); break;
                case '"': builder.Append("\\\""); break;
                case '\0': builder.Append("\\0"); break;
                case '\a': builder.Append("\\a"); break;
                case '\b': builder.Append("\\b"); break;
                case '\t': builder.Append("\\t"); break;
                case '\n': builder.Append("\\n"); break;
                case '\v': builder.Append("\\v"); break;
                case '\f': builder.Append("\\f"); break;
                case '\r': builder.Append("\\r"); break;
                case '\u001b': builder.Append("\\e"); break;
                case '\u0085': builder.Append("\\N"); break;
                case '\u00a0': builder.Append("\\_"); break;
                case '\u2028': builder.Append("\\L"); break;
                case '\u2029': builder.Append("\\P"); break;
                case '\ufeff': builder.Append("\\uFEFF"); break;
                default:
                    if (c < ' ' || (c >= '\u007f' && c <= '\u009f'))
                    {
                        builder.Append("\\x").Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
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

    // Job variables the agent reads as its own settings: set by an earlier line of the same step, they change how
    // the agent decodes the lines after it (DECODE_PERCENTS turns on %25 decoding, SYSTEM_UNSAFEALLOWMULTILINESECRET
    // lets a secret span lines). They go last, so no line of the export is read under settings it set itself.
    private static bool IsAgentSetting(string name)
    {
        string upper = name.ToUpperInvariant().Replace('.', '_');
        return upper == "DECODE_PERCENTS"
            || upper.StartsWith("SYSTEM_", StringComparison.Ordinal) || upper.StartsWith("AGENT_", StringComparison.Ordinal)
            || upper.StartsWith("AZP_", StringComparison.Ordinal) || upper.StartsWith("VSTS_", StringComparison.Ordinal);
    }

    private static string AzureDevOps(IEnumerable<ConfigValue> values, List<string> commands, List<ConfigExportSkip> skipped)
    {
        var ordered = values.Where(v => !IsAgentSetting(v.Name)).Concat(values.Where(v => IsAgentSetting(v.Name)));
        foreach (var value in ordered)
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
