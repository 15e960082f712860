using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using TwelveFactor.Core.Foundation;

namespace TwelveFactor.Core.Tests.Architecture;

/// <summary>Every environment variable the module reads is declared in ModuleSettings and documented in the README.</summary>
public class SettingsTests
{
    // Reading a variable anywhere else needs a reason here. The one today: config resolution with a precedence that
    // includes the shell reads the user's own keys (any name), which are config, not settings of the module.
    private static readonly string[] AllowedReaders =
    {
        "src/TwelveFactor.Core/Foundation/ModuleSettings.cs",
        "src/TwelveFactor/Commands/TfCmdlet.cs",
    };

    private static readonly string RepoRoot = FindRepoRoot();

    [Fact]
    public void TheReadmeTableListsExactlyTheDeclaredSettings()
    {
        string readme = File.ReadAllText(Path.Combine(RepoRoot, "README.md"));
        int start = readme.IndexOf("## Module settings", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no Module settings section");
        int end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        string section = readme[start..(end < 0 ? readme.Length : end)];
        var documented = section.Split('\n')
            .Where(line => line.StartsWith("| `", StringComparison.Ordinal))
            .SelectMany(line => Regex.Matches(line.Split('|')[1], "`([A-Z][A-Z0-9_]*)`").Select(m => m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);
        var declared = ModuleSettings.All.Select(s => s.Name).ToHashSet(StringComparer.Ordinal);

        Assert.True(declared.Count >= 20, "declared: " + declared.Count);
        Assert.Equal(declared.Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
        Assert.All(ModuleSettings.All, s => Assert.False(string.IsNullOrWhiteSpace(s.Meaning), s.Name));
    }

    [Fact]
    public void OnlyModuleSettingsReadsTheEnvironment()
    {
        var readers = Directory.EnumerateFiles(Path.Combine(RepoRoot, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            // "GetEnvironmentVariable" also finds GetEnvironmentVariables (the whole environment at once).
            .Where(f => File.ReadAllText(f).Contains("GetEnvironmentVariable", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(RepoRoot, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(AllowedReaders.Order(StringComparer.Ordinal), readers);
    }

    [Fact]
    public void EveryDeclaredConstantIsInTheList()
    {
        var constants = typeof(ModuleSettings).GetFields()
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .Order(StringComparer.Ordinal);
        Assert.Equal(constants, ModuleSettings.All.Select(s => s.Name).Order(StringComparer.Ordinal));
    }

    private static string FindRepoRoot()
    {
        string? folder = AppContext.BaseDirectory;
        while (folder is not null && !File.Exists(Path.Combine(folder, "TwelveFactor.sln")))
        {
            folder = Path.GetDirectoryName(folder);
        }

        return folder ?? throw new InvalidOperationException("TwelveFactor.sln not found above " + AppContext.BaseDirectory);
    }
}
