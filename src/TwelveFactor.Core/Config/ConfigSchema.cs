using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using TwelveFactor.Core.Foundation;
using TwelveFactor.Core.Foundation.IO;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TwelveFactor.Core.Config;

/// <summary>
/// The keys an app needs and what their values must look like. Written in YAML (or JSON, which YAML reads):
/// <code>
/// keys:
///   DATABASE_URL: { type: url, secret: true }
///   PORT: { type: port }
///   FEATURE_BETA: { type: boolean, required: false, environmentSpecific: true }
///   PAGER_KEY: { environments: [production] }
/// </code>
/// Keys are required unless <c>required: false</c>. Types: string, integer, number, boolean, url, port.
/// Without a schema, the keys of <c>.env.example</c> are the required keys.
/// </summary>
public sealed class ConfigSchema
{
    private ConfigSchema(IReadOnlyList<ConfigKeyRule> rules)
    {
        Rules = rules;
    }

    public IReadOnlyList<ConfigKeyRule> Rules { get; }

    /// <summary>Names of keys documented as environment-specific.</summary>
    public IReadOnlySet<string> EnvironmentSpecificKeys => Rules.Where(r => r.EnvironmentSpecific).Select(r => r.Name).ToHashSet(StringComparer.Ordinal);

    // Nesting of mappings and sequences a schema may have: keys, a key, its rule, a rule's list (environments).
    private const int MaxNesting = 16;

    // The most a schema file may hold: real ones are kilobytes.
    private const long MaxBytes = 16L << 20;

    public static ConfigSchema Load(string file)
    {
        string text;
        try
        {
            // A regular file or a link to one (a fifo is refused, not waited on), of a schema's size.
            text = RegularFile.ReadAllText(file, MaxBytes, followLinks: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new ConfigSchemaException(file, 0, "the schema cannot be read: " + ex.Message, ex);
        }

        var stream = new YamlStream();
        try
        {
            // The representation model builds nested nodes recursively: a schema nested deeper than any real one is
            // an error rather than a stack overflow that kills the process.
            if (YamlNesting.FindTooDeep(new StringReader(text), MaxNesting) is { } start)
            {
                throw new ConfigSchemaException(file, (int)start.Line, $"mappings and sequences are nested more than {MaxNesting} deep; a schema needs three levels.");
            }

            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new ConfigSchemaException(file, (int)ex.Start.Line, "the schema is not valid YAML: " + ex.Message, ex);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root
            || !root.Children.TryGetValue(new YamlScalarNode("keys"), out var keysNode) || keysNode is not YamlMappingNode keys)
        {
            throw new ConfigSchemaException(file, 1, "the schema needs a top-level 'keys' mapping of key names to rules.");
        }

        var rules = new List<ConfigKeyRule>();
        foreach (var (nameNode, ruleNode) in keys.Children)
        {
            string name = ((YamlScalarNode)nameNode).Value ?? string.Empty;
            int line = (int)nameNode.Start.Line;
            rules.Add(ruleNode switch
            {
                YamlMappingNode mapping => ParseRule(file, name, line, mapping),
                YamlScalarNode { Value: null or "" or "~" } => new ConfigKeyRule(name, required: true, source: $"{file}:{line}"),
                _ => throw new ConfigSchemaException(file, line, $"the rule for '{name}' must be a mapping such as {{ type: url }}."),
            });
        }

        return new ConfigSchema(rules);
    }

    /// <summary>The rules an .env.example implies: every key it lists is required.</summary>
    /// <summary>
    /// The rules an .env.example implies: every key it lists is required, except one with a
    /// <c># tf:optional</c> comment line directly above it; <c># tf:environment-specific</c> above a key says it
    /// may differ or be missing between environments (parity checks skip it).
    /// </summary>
    public static ConfigSchema FromExample(EnvDocument example, string file)
    {
        string[] lines = example.Render().Split('\n');
        var rules = new List<ConfigKeyRule>();
        foreach (var group in example.Entries.GroupBy(e => e.Key, StringComparer.Ordinal))
        {
            var annotations = AnnotationsAbove(lines, group.First().Line);
            rules.Add(new ConfigKeyRule(
                group.Key,
                required: !annotations.Contains(OptionalAnnotation),
                environmentSpecific: annotations.Contains(EnvironmentSpecificAnnotation),
                source: $"{file}:{group.First().Line}"));
        }

        return new ConfigSchema(rules);
    }

    public const string OptionalAnnotation = "# tf:optional";
    public const string EnvironmentSpecificAnnotation = "# tf:environment-specific";

    // The run of "# tf:" comment lines directly above a 1-based line.
    private static HashSet<string> AnnotationsAbove(string[] lines, int line)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        for (int i = line - 2; i >= 0 && lines[i].TrimEnd('\r').Trim().StartsWith("# tf:", StringComparison.Ordinal); i--)
        {
            found.Add(lines[i].TrimEnd('\r').Trim());
        }

        return found;
    }

    private static ConfigKeyRule ParseRule(string file, string name, int line, YamlMappingNode mapping)
    {
        bool required = true, secret = false, environmentSpecific = false;
        ConfigValueType? type = null;
        Regex? pattern = null;
        var environments = new List<string>();
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            string key = ((YamlScalarNode)keyNode).Value ?? string.Empty;
            int at = (int)keyNode.Start.Line;
            switch (key)
            {
                case "required":
                    required = Boolean(file, at, name, key, valueNode);
                    break;
                case "secret":
                    secret = Boolean(file, at, name, key, valueNode);
                    break;
                case "environmentSpecific":
                    environmentSpecific = Boolean(file, at, name, key, valueNode);
                    break;
                case "type":
                    string typeName = Scalar(file, at, name, key, valueNode);
                    type = Enum.TryParse(typeName, ignoreCase: true, out ConfigValueType parsed) && !int.TryParse(typeName, out _)
                        ? parsed
                        : throw new ConfigSchemaException(file, at, $"'{typeName}' is not a type for '{name}'; use string, integer, number, boolean, url or port.");
                    break;
                case "pattern":
                    string regex = Scalar(file, at, name, key, valueNode);
                    try
                    {
                        pattern = new Regex(regex, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
                    }
                    catch (ArgumentException ex)
                    {
                        throw new ConfigSchemaException(file, at, $"the pattern for '{name}' is not a valid regular expression: {ex.Message}", ex);
                    }

                    break;
                case "environments":
                    environments.AddRange(valueNode is YamlSequenceNode sequence
                        ? sequence.Children.Select(c => Scalar(file, at, name, key, c))
                        : new[] { Scalar(file, at, name, key, valueNode) });
                    break;
                case "description":
                    break;
                default:
                    throw new ConfigSchemaException(file, at, $"unknown rule '{key}' for '{name}'; use required, type, pattern, secret, environmentSpecific, environments or description.");
            }
        }

        return new ConfigKeyRule(name, required, type, pattern, secret, environmentSpecific, environments, $"{file}:{line}");
    }

    private static string Scalar(string file, int line, string name, string key, YamlNode node) =>
        node is YamlScalarNode { Value: { } value } ? value : throw new ConfigSchemaException(file, line, $"'{key}' of '{name}' must be a single value.");

    private static bool Boolean(string file, int line, string name, string key, YamlNode node) =>
        Scalar(file, line, name, key, node) switch
        {
            "true" or "True" or "yes" => true,
            "false" or "False" or "no" => false,
            var other => throw new ConfigSchemaException(file, line, $"'{key}' of '{name}' must be true or false, not '{other}'."),
        };
}
