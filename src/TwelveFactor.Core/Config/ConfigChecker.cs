using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Core.Config;

/// <summary>
/// Everything Test-TfConfig checks, over an environment's layer files: syntax, the linter's rules per file,
/// substitutions that fail, keys required by a schema or .env.example but missing, and values that do not fit the
/// schema's type or pattern. Findings name keys and places, never values.
/// </summary>
public static class ConfigChecker
{
    public static IEnumerable<LintFinding> Check(
        IReadOnlyList<string> files,
        bool filesAreExplicit,
        string? environment,
        ConfigSchema? schema,
        Func<string, string?> processEnvironment)
    {
        var findings = new List<LintFinding>();
        // Each file is read and parsed once, for the linter and the resolver alike.
        var read = new Dictionary<string, (EnvDocument? Document, ConfigFileException? Failure)>(StringComparer.Ordinal);
        foreach (string file in files.Where(File.Exists))
        {
            try
            {
                EnvDocument document = filesAreExplicit ? EnvFileReader.Read(file) : EnvFileReader.ReadLayer(file);
                read[file] = (document, null);
                findings.AddRange(EnvLinter.Lint(document, file));
            }
            catch (ConfigFileException ex)
            {
                // The resolver below reports the same failure once, with its line and column.
                read[file] = (null, ex);
            }
        }

        EnvDocument ReadOnce(string file) =>
            read.TryGetValue(file, out var done) ? done.Document ?? throw done.Failure! : filesAreExplicit ? EnvFileReader.Read(file) : EnvFileReader.ReadLayer(file);
        var resolution = new ConfigResolver(processEnvironment, ReadOnce).Resolve(files, filesAreExplicit, ConfigPrecedence.FilesOnly);
        foreach (var failure in resolution.Failures)
        {
            var (line, column) = failure.InnerException is EnvFileSyntaxException syntax ? (syntax.Line, syntax.Column) : (0, 0);
            string rule = failure.Problem switch
            {
                ProblemId.ConfigFileSyntax => "SyntaxError",
                ProblemId.ConfigInterpolationFailed => "SubstitutionFailed",
                ProblemId.ConfigFileNotFound => "FileNotFound",
                _ => "FileUnreadable",
            };
            findings.Add(new LintFinding(rule, FindingSeverity.Error, failure.File, line, column, null, failure.Message));
        }

        if (schema is not null)
        {
            findings.AddRange(CheckSchema(schema, resolution, environment));
        }

        return findings;
    }

    private static IEnumerable<LintFinding> CheckSchema(ConfigSchema schema, ConfigResolution resolution, string? environment)
    {
        foreach (var rule in schema.Rules)
        {
            var (file, line) = SplitSource(rule.Source);
            var value = resolution.Find(rule.Name);
            if (value is null)
            {
                if (rule.IsRequiredIn(environment))
                {
                    string where = environment is null ? "the shared config" : $"environment '{environment}'";
                    yield return new LintFinding("MissingKey", FindingSeverity.Error, file, line, 0, rule.Name,
                        $"'{rule.Name}' is required by {rule.Source} but not set in {where}. Set it with Set-TfConfig -Name {rule.Name}.");
                }

                continue;
            }

            var (valueFile, valueLine) = value.Source.IsProcessEnvironment ? (null, 0) : (value.Source.File, value.Source.Line);
            if (rule.CheckType(value.Value) is { } problem)
            {
                yield return new LintFinding("TypeMismatch", FindingSeverity.Error, valueFile, valueLine, 0, rule.Name,
                    $"The value of '{rule.Name}' {problem}, as {rule.Source} requires.");
            }

            if (rule.Pattern is not null && !rule.Pattern.IsMatch(value.Value))
            {
                yield return new LintFinding("PatternMismatch", FindingSeverity.Error, valueFile, valueLine, 0, rule.Name,
                    $"The value of '{rule.Name}' does not match the pattern in {rule.Source}.");
            }

            if (rule.Secret && !value.IsSecret)
            {
                yield return new LintFinding("SecretNotMarked", FindingSeverity.Warning, valueFile, valueLine, 0, rule.Name,
                    $"'{rule.Name}' is secret by {rule.Source} but not marked in its file, so it would be shown; mark it with Set-TfConfig -Secret.");
            }
        }
    }

    private static (string? File, int Line) SplitSource(string? source)
    {
        int colon = source?.LastIndexOf(':') ?? -1;
        return colon > 0 && int.TryParse(source![(colon + 1)..], out int line) ? (source[..colon], line) : (source, 0);
    }
}
