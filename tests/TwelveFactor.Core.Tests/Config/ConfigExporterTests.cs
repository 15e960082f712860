using System;
using System.Linq;
using TwelveFactor.Core.Config;

namespace TwelveFactor.Core.Tests.Config;

public sealed class ConfigExporterTests
{
    private static ConfigValue Value(string name, string value, bool marked = false) =>
        new(name, value, marked, ConfigSource.FromFile(".env", 1), Array.Empty<ConfigSource>());

    [Fact]
    public void Azure_escaping_puts_percent_first()
    {
        var export = ConfigExporter.Export(new[] { Value("A", "%3B;\r\n]") }, ConfigExportFormat.AzureDevOps, maskSecrets: false);
        Assert.Equal("##vso[task.setvariable variable=A]%AZP253B%3B%0D%0A%5D", Assert.Single(export.Commands));
    }

    [Fact]
    public void Yaml_quotes_strings_that_would_read_as_other_types()
    {
        var export = ConfigExporter.Export(new[] { Value("A", "true"), Value("B", "0123"), Value("C", "plain text"), Value("D", "null") }, ConfigExportFormat.Yaml, false);
        var parsed = new YamlDotNet.Serialization.DeserializerBuilder().Build().Deserialize<System.Collections.Generic.Dictionary<string, object>>(export.Text);
        Assert.Equal(new object[] { "true", "0123", "plain text", "null" }, parsed.Values.ToArray());
    }

    [Fact]
    public void Yaml_reads_back_as_the_same_strings_for_YAML_1_1_values_and_awkward_characters()
    {
        string[] awkward = { "yes", "no", "on", "OFF", "y", "12:30", "2024-01-01", "0755", "0x1F", "1e3", ".inf", "~", "", "a: b", "- x", "#c", "it's \"q\"", "tab\there", "two\nlines", "\u0085nel", "caf\u00e9", "\u2028" };
        var values = awkward.Select((v, i) => Value("K" + i, v)).Append(Value("on", "key that YAML 1.1 reads as true")).ToArray();
        var export = ConfigExporter.Export(values, ConfigExportFormat.Yaml, false);

        var parsed = new YamlDotNet.Serialization.DeserializerBuilder().Build().Deserialize<System.Collections.Generic.Dictionary<string, object>>(export.Text);
        Assert.Equal(values.Select(v => v.Name), parsed.Keys);
        Assert.Equal(values.Select(v => (object)v.Value), parsed.Values);
        Assert.All(export.Text.TrimEnd('\n').Split('\n'), line => Assert.Matches("^\"[^\"]+\": \".*\"$", line));
    }

    [Fact]
    public void Dotenv_export_reads_back_identically()
    {
        var values = new[] { Value("A", "it's \"x\"\n$y"), Value("SEED", "s p", marked: true), Value("C", "") };
        var export = ConfigExporter.Export(values, ConfigExportFormat.Dotenv, maskSecrets: false);
        var document = EnvDocument.Parse(export.Text);
        Assert.Equal(values.Select(v => v.Value), document.Entries.Select(e => e.Value));
        Assert.True(document.Find("SEED")!.IsSecretMarked);
    }

    [Fact]
    public void GitHub_heredoc_delimiter_never_occurs_in_the_value()
    {
        var export = ConfigExporter.Export(new[] { Value("M", "a\nghadelimiter_\nb") }, ConfigExportFormat.GitHubActions, false);
        string[] lines = export.Text.Split('\n');
        string delimiter = lines[0]["M<<".Length..];
        Assert.Equal(delimiter, lines[4]);
        Assert.DoesNotContain(delimiter, "a\nghadelimiter_\nb");
    }

    [Fact]
    public void Masking_applies_to_document_formats_only_when_asked()
    {
        var values = new[] { Value("API_TOKEN", "t0k") };
        Assert.Contains("********", ConfigExporter.Export(values, ConfigExportFormat.Json, maskSecrets: true).Text);
        Assert.Contains("t0k", ConfigExporter.Export(values, ConfigExportFormat.Json, maskSecrets: false).Text);
    }
}
