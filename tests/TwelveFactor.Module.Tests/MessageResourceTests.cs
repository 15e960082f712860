using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Resources;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using TwelveFactor.Module.Tests.Infrastructure;

namespace TwelveFactor.Module.Tests;

/// <summary>
/// User-facing messages live in .resx files (STYLE.md rule 14). A message's placeholders and the arguments
/// its call site passes are checked against each other here, because a mismatch throws FormatException only
/// when that error finally happens, in front of a user.
/// </summary>
public sealed class MessageResourceTests
{
    private static readonly Regex Placeholder = new(@"(?<!\{)\{(\d+)(?:[,:][^}]*)?\}", RegexOptions.Compiled);

    private static readonly Regex FormatCall = new(
        @"string\.Format\(\s*CultureInfo\.CurrentCulture,\s*(?<class>\w*Strings)\.(?<name>\w+)(?<rest>[\s\S]*)", RegexOptions.Compiled);

    public static IEnumerable<object[]> ResourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(PowerShellSession.RepoRoot, "src"), "*.resx", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(path => new object[] { Path.GetRelativePath(PowerShellSession.RepoRoot, path) });

    [Theory]
    [MemberData(nameof(ResourceFiles))]
    public void Every_format_call_passes_as_many_arguments_as_its_message_has_placeholders(string resxPath)
    {
        string className = Path.GetFileNameWithoutExtension(resxPath);
        Dictionary<string, string> messages = Messages(Path.Combine(PowerShellSession.RepoRoot, resxPath));
        string projectFolder = Path.GetDirectoryName(Path.GetDirectoryName(Path.Combine(PowerShellSession.RepoRoot, resxPath)))!;
        var problems = new List<string>();
        int calls = 0;
        foreach (string file in Directory.EnumerateFiles(projectFolder, "*.cs", SearchOption.AllDirectories))
        {
            string source = File.ReadAllText(file);
            int at = 0;
            while ((at = source.IndexOf("string.Format(", at, StringComparison.Ordinal)) >= 0)
            {
                Match call = FormatCall.Match(source, at);
                at++;
                if (!call.Success || call.Index != at - 1 || call.Groups["class"].Value != className)
                {
                    continue;
                }

                calls++;
                string name = call.Groups["name"].Value;
                if (!messages.TryGetValue(name, out string? message))
                {
                    problems.Add($"{Path.GetFileName(file)}: {className}.{name} is not in {resxPath}");
                    continue;
                }

                int expected = Placeholder.Matches(message).Select(m => int.Parse(m.Groups[1].Value) + 1).DefaultIfEmpty(0).Max();
                int passed = CountArguments(call.Groups["rest"].Value);
                if (passed != expected)
                {
                    problems.Add($"{Path.GetFileName(file)}: {className}.{name} has {expected} placeholder(s) but the call passes {passed}");
                }
            }
        }

        Assert.Empty(problems);
        Assert.True(calls > 0 || messages.Values.All(m => !Placeholder.IsMatch(m)), $"no string.Format call uses {className}, yet it has messages with placeholders");
    }

    [Fact]
    public void The_built_module_carries_every_message_of_its_resx()
    {
        using var ps = new PowerShellSession();
        Assembly module = AppDomain.CurrentDomain.GetAssemblies()
            .Single(a => a.GetName().Name == "TwelveFactor" && a.Location.StartsWith(PowerShellSession.ModuleFolder, StringComparison.Ordinal)
                && System.Runtime.Loader.AssemblyLoadContext.GetLoadContext(a) == System.Runtime.Loader.AssemblyLoadContext.Default);
        var resources = new ResourceManager("TwelveFactor.Resources.Strings", module);
        Dictionary<string, string> messages = Messages(Path.Combine(PowerShellSession.RepoRoot, "src", "TwelveFactor", "Resources", "Strings.resx"));

        Assert.True(messages.Count > 90, $"only {messages.Count} messages in Strings.resx");
        foreach ((string name, string text) in messages)
        {
            Assert.Equal(text, resources.GetString(name, System.Globalization.CultureInfo.InvariantCulture));
        }
    }

    private static Dictionary<string, string> Messages(string resx) =>
        XDocument.Load(resx).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

    // The arguments after the message: top-level commas up to the call's closing parenthesis.
    private static int CountArguments(string rest)
    {
        int depth = 0, count = 0;
        bool inString = false;
        for (int i = 0; i < rest.Length; i++)
        {
            char c = rest[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }

                continue;
            }

            switch (c)
            {
                case '"':
                    inString = true;
                    break;
                case '(' or '[' or '{':
                    depth++;
                    break;
                case ')' or ']' or '}' when depth == 0:
                    return count;
                case ')' or ']' or '}':
                    depth--;
                    break;
                case ',' when depth == 0:
                    count++;
                    break;
            }
        }

        return count;
    }
}
