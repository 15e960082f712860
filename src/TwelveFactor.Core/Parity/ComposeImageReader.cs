using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using TwelveFactor.Core.Foundation;
using TwelveFactor.Core.Foundation.IO;
using TwelveFactor.Core.Resources;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace TwelveFactor.Core.Parity;

/// <summary>
/// Reads which image each compose service runs per environment: the project's compose file, with the
/// environment's override merged over it (the override's <c>image</c> wins, its new services are added), as
/// <c>docker compose -f compose.yaml -f compose.prod.yaml</c> would. Only <c>image</c> is merged; YAML merge
/// keys (<c>&lt;&lt;: *defaults</c>) are followed. Variables such as <c>${TAG}</c> are kept as written.
/// <c>compose.override.yaml</c>, which a bare <c>docker compose up</c> merges on its own, stands in for the
/// override of the environments developers run that way (<see cref="LocalEnvironmentNames"/>) when they have
/// no <c>compose.&lt;environment&gt;.yaml</c>: a newer image there than in production is exactly the drift
/// the parity check is for.
/// </summary>
public static class ComposeImageReader
{
    /// <summary>The project file names, in the order docker compose looks for them; the first that exists is used.</summary>
    public static IReadOnlyList<string> BaseFileNames { get; } =
        new[] { "compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml" };

    /// <summary>The environments whose compose override, when they have none of their own, is compose.override.yaml.</summary>
    public static IReadOnlyList<string> LocalEnvironmentNames { get; } = new[] { "development", "dev", "local" };

    /// <summary>The names docker compose merges by default, in the order it looks for them.</summary>
    public static IReadOnlyList<string> DefaultOverrideFileNames { get; } =
        new[] { "compose.override.yaml", "compose.override.yml", "docker-compose.override.yaml", "docker-compose.override.yml" };

    /// <summary>An environment's override file names, in the order they are looked for; the first that exists is used.</summary>
    public static IReadOnlyList<string> OverrideFileNames(string environment)
    {
        ArgumentException.ThrowIfNullOrEmpty(environment);
        if (environment.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0 || environment.Contains('/') || environment.Contains('\\')
            || environment is "." or "..")
        {
            throw new ArgumentException(ParityStrings.ComposeEnvironmentNotAFileName, nameof(environment));
        }

        return new[]
        {
            $"compose.{environment}.yaml", $"compose.{environment}.yml",
            $"docker-compose.{environment}.yaml", $"docker-compose.{environment}.yml",
        };
    }

    /// <summary>The compose files that make up an environment in <paramref name="directory"/>: base first, then override.</summary>
    public static IReadOnlyList<string> FilesFor(string directory, string environment)
    {
        ArgumentNullException.ThrowIfNull(directory);
        var files = new List<string>();
        string? baseFile = BaseFileNames.Select(n => Path.Combine(directory, n)).FirstOrDefault(File.Exists);
        if (baseFile is not null)
        {
            files.Add(baseFile);
        }

        string? overrideFile = OverrideFileNames(environment).Select(n => Path.Combine(directory, n)).FirstOrDefault(File.Exists);
        if (overrideFile is null && baseFile is not null && LocalEnvironmentNames.Contains(environment, StringComparer.OrdinalIgnoreCase))
        {
            overrideFile = DefaultOverrideFileNames.Select(n => Path.Combine(directory, n)).FirstOrDefault(File.Exists);
        }

        if (overrideFile is not null)
        {
            files.Add(overrideFile);
        }

        return files;
    }

    /// <summary>
    /// Each service's image in each environment, services in name order. An environment with no compose files
    /// contributes nothing. Throws <see cref="ComposeFileException"/> for an unreadable or malformed file.
    /// </summary>
    public static IReadOnlyList<ComposeServiceImage> ReadImages(string directory, IEnumerable<string> environments)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(environments);
        var parsed = new Dictionary<string, Dictionary<string, ServiceImage>>(StringComparer.Ordinal);
        var images = new List<ComposeServiceImage>();
        foreach (string environment in environments)
        {
            var merged = new SortedDictionary<string, ServiceImage>(StringComparer.Ordinal);
            foreach (string file in FilesFor(directory, environment))
            {
                if (!parsed.TryGetValue(file, out Dictionary<string, ServiceImage>? services))
                {
                    services = ReadFile(file);
                    parsed[file] = services;
                }

                foreach ((string service, ServiceImage image) in services)
                {
                    // The override's image wins; an override that names the service without an image keeps the base's.
                    if (image.Image is not null || !merged.ContainsKey(service))
                    {
                        merged[service] = image;
                    }
                }
            }

            foreach ((string service, ServiceImage image) in merged)
            {
                ImageReference? reference = image.Image is null ? null : ImageReference.Parse(image.Image);
                images.Add(new ComposeServiceImage(
                    environment, service, image.Image, reference?.Name, reference?.Tag, reference?.Digest, image.File, image.Line));
            }
        }

        return images;
    }

    /// <summary>The services of one compose file with their images (null for build-only services).</summary>
    internal static Dictionary<string, ServiceImage> ReadFile(string path)
    {
        YamlStream stream = Load(path);
        var services = new Dictionary<string, ServiceImage>(StringComparer.Ordinal);
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return services;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw Shape(path, stream.Documents[0].RootNode, ParityStrings.ComposeRootNotMapping);
        }

        if (!root.Children.TryGetValue(new YamlScalarNode("services"), out YamlNode? servicesNode) || IsNull(servicesNode))
        {
            return services;
        }

        if (servicesNode is not YamlMappingNode serviceMap)
        {
            throw Shape(path, servicesNode, ParityStrings.ComposeServicesNotMapping);
        }

        foreach ((YamlNode keyNode, YamlNode value) in serviceMap.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { Length: > 0 } name })
            {
                throw Shape(path, keyNode, ParityStrings.ComposeServiceNameNotText);
            }

            if (IsNull(value))
            {
                services[name] = new ServiceImage(null, path, (int)keyNode.Start.Line);
                continue;
            }

            if (value is not YamlMappingNode service)
            {
                throw Shape(path, value, string.Format(CultureInfo.CurrentCulture, ParityStrings.ComposeServiceNotMapping, name));
            }

            YamlNode? imageNode = FindImage(path, service);
            if (imageNode is null || IsNull(imageNode))
            {
                services[name] = new ServiceImage(null, path, (int)keyNode.Start.Line);
            }
            else if (imageNode is YamlScalarNode { Value: { } image })
            {
                services[name] = new ServiceImage(image.Trim(), path, (int)imageNode.Start.Line);
            }
            else
            {
                throw Shape(path, imageNode, string.Format(CultureInfo.CurrentCulture, ParityStrings.ComposeImageNotText, name));
            }
        }

        return services;
    }

    // Nesting of mappings and sequences a compose file may have; real ones have fewer than ten.
    private const int MaxNesting = 64;

    // The most a compose file may hold: real ones are kilobytes.
    private const long MaxBytes = 16L << 20;

    // Merge sources a service may reach through '<<' before the file counts as hostile: real files have a few.
    private const int MaxMergeSources = 1000;

    /// <summary>
    /// The service's image: its own 'image' key, else the first one its YAML merge keys (<c>&lt;&lt;: *defaults</c>,
    /// or a list of them) supply, in order. Walked iteratively with each mapping visited once: aliases share
    /// nodes, so a file of nested merges ("billion laughs") would otherwise take exponential time, and an alias
    /// cycle or deep nesting would overflow the stack and kill the process.
    /// </summary>
    private static YamlNode? FindImage(string path, YamlMappingNode service)
    {
        var visited = new HashSet<YamlMappingNode>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<YamlMappingNode>();
        pending.Push(service);
        while (pending.Count > 0)
        {
            YamlMappingNode mapping = pending.Pop();
            if (!visited.Add(mapping))
            {
                continue;
            }

            if (visited.Count > MaxMergeSources)
            {
                throw Shape(path, service, string.Format(CultureInfo.CurrentCulture, ParityStrings.ComposeMergeTooDeep, MaxMergeSources));
            }

            if (mapping.Children.TryGetValue(new YamlScalarNode("image"), out YamlNode? image))
            {
                return image;
            }

            if (mapping.Children.TryGetValue(new YamlScalarNode("<<"), out YamlNode? merge))
            {
                // Pushed in reverse, so the first source listed is searched first, as the merge order says.
                var sources = (merge is YamlSequenceNode list ? list.Children : (IList<YamlNode>)new[] { merge }).OfType<YamlMappingNode>().ToList();
                for (int i = sources.Count - 1; i >= 0; i--)
                {
                    pending.Push(sources[i]);
                }
            }
        }

        return null;
    }

    private static YamlStream Load(string path)
    {
        var stream = new YamlStream();
        try
        {
            // Read once, from a regular file or a link to one (a fifo is refused, not waited on), of a compose file's size.
            string text = RegularFile.ReadAllText(path, MaxBytes, followLinks: true);

            // The representation model builds nested nodes recursively: a hostile file is an error rather than a
            // stack overflow that kills the process.
            using (var scan = new StringReader(text))
            {
                if (YamlNesting.FindTooDeep(scan, MaxNesting) is { } start)
                {
                    throw new ComposeFileException(
                        path,
                        (int)start.Line,
                        (int)start.Column,
                        string.Format(CultureInfo.CurrentCulture, ParityStrings.ComposeWrongShape, path, start.Line, start.Column, string.Format(CultureInfo.CurrentCulture, ParityStrings.ComposeNestedTooDeep, MaxNesting)));
                }
            }

            stream.Load(new StringReader(text));
            return stream;
        }
        catch (YamlException ex)
        {
            // YamlDotNet's messages describe the problem ("While scanning a quoted scalar, found unexpected end
            // of stream", "Duplicate key web"); they quote key and anchor names at most, never scalar values.
            string message = string.Format(
                CultureInfo.CurrentCulture, ParityStrings.ComposeNotYaml, path, ex.Start.Line, ex.Start.Column, ex.Message);
            throw new ComposeFileException(path, (int)ex.Start.Line, (int)ex.Start.Column, message, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            string message = string.Format(CultureInfo.CurrentCulture, ParityStrings.ComposeUnreadable, path, ex.Message);
            throw new ComposeFileException(path, 0, 0, message, ex);
        }
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode scalar && scalar.Style == YamlDotNet.Core.ScalarStyle.Plain
        && scalar.Value is null or "" or "~" or "null" or "Null" or "NULL";

    private static ComposeFileException Shape(string path, YamlNode node, string problem)
    {
        string message = string.Format(
            CultureInfo.CurrentCulture, ParityStrings.ComposeWrongShape, path, node.Start.Line, node.Start.Column, problem);
        return new ComposeFileException(path, (int)node.Start.Line, (int)node.Start.Column, message);
    }
}
