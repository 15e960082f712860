using System.IO;
using System.Linq;
using TwelveFactor.Module.Tests.Infrastructure;

namespace TwelveFactor.Module.Tests;

public sealed class TestTfConfigTests
{
    private static (string Rule, string Severity, string? Key, string Source)[] Findings(ScriptResult result) =>
        result.Output.Select(o => (
            (string)o.Properties["Rule"].Value,
            (string)o.Properties["Severity"].Value,
            (string?)o.Properties["Key"].Value,
            (string)o.Properties["Source"].Value)).ToArray();

    [Fact]
    public void Lint_rules_report_rule_severity_and_line()
    {
        using var ps = new PowerShellSession();
        File.WriteAllText(ps.PathOf(".env"), "B=1\nA=2\nlower=3\nB=4\nSPACED = 5\nVALUE=a b\n");
        var result = ps.Run("Test-TfConfig").AssertNoErrors();
        var findings = Findings(result);
        string env = ps.PathOf(".env");

        Assert.Contains(findings, f => f.Rule == "UnorderedKey" && f.Key == "A" && f.Source.StartsWith(env + ":2"));
        Assert.Contains(findings, f => f.Rule == "LowercaseKey" && f.Key == "lower" && f.Source.StartsWith(env + ":3"));
        Assert.Contains(findings, f => f.Rule == "DuplicatedKey" && f.Key == "B" && f.Source.StartsWith(env + ":4"));
        Assert.Contains(findings, f => f.Rule == "SpaceCharacter" && f.Key == "SPACED");
        Assert.Contains(findings, f => f.Rule == "ValueWithoutQuotes" && f.Key == "VALUE");
        Assert.All(result.Output, o => Assert.Equal("TwelveFactor.ConfigFinding", o.TypeNames[0]));
    }

    [Fact]
    public void Keys_of_env_example_missing_from_the_environment_are_errors()
    {
        using var ps = new PowerShellSession();
        File.WriteAllText(ps.PathOf(".env.example"), "DATABASE_URL=\nPORT=\n");
        File.WriteAllText(ps.PathOf(".env"), "PORT=80\n");
        File.WriteAllText(ps.PathOf(".env.production"), string.Empty); // declared, with no overrides
        var findings = Findings(ps.Run("Test-TfConfig -Environment production").AssertNoErrors());

        var missing = Assert.Single(findings, f => f.Rule == "MissingKey");
        Assert.Equal(("MissingKey", "Error", "DATABASE_URL", ps.PathOf(".env.example") + ":1"), missing);
    }

    [Fact]
    public void Schema_types_patterns_and_per_environment_requirements()
    {
        using var ps = new PowerShellSession();
        File.WriteAllText(ps.PathOf("schema.yaml"), """
            keys:
              PORT: { type: port }
              DEBUG: { type: boolean, required: false }
              REGION: { pattern: '^[a-z]+-[a-z]+-[0-9]$' }
              PAGER_KEY: { environments: [production] }
            """);
        File.WriteAllText(ps.PathOf(".env"), "PORT=http\nDEBUG=yes\nREGION=EU\n");
        File.WriteAllText(ps.PathOf(".env.staging"), string.Empty);
        File.WriteAllText(ps.PathOf(".env.production"), string.Empty);
        var staging = Findings(ps.Run("Test-TfConfig -Environment staging -Schema schema.yaml").AssertNoErrors());
        var production = Findings(ps.Run("Test-TfConfig -Environment production -Schema schema.yaml").AssertNoErrors());

        Assert.Contains(staging, f => f.Rule == "TypeMismatch" && f.Key == "PORT" && f.Source == ps.PathOf(".env") + ":1");
        Assert.Contains(staging, f => f.Rule == "TypeMismatch" && f.Key == "DEBUG");
        Assert.Contains(staging, f => f.Rule == "PatternMismatch" && f.Key == "REGION");
        Assert.DoesNotContain(staging, f => f.Key == "PAGER_KEY");
        Assert.Contains(production, f => f.Rule == "MissingKey" && f.Key == "PAGER_KEY");
    }

    [Fact]
    public void Syntax_errors_and_failed_substitutions_are_findings_with_line_and_column()
    {
        using var ps = new PowerShellSession();
        File.WriteAllText(ps.PathOf(".env"), "A=1\nB=\"open\n");
        File.WriteAllText(ps.PathOf(".env.local"), "C=${NOPE_NOT_SET:?give NOPE}\n");
        var findings = Findings(ps.Run("Test-TfConfig").AssertNoErrors());

        Assert.Contains(findings, f => f.Rule == "SyntaxError" && f.Severity == "Error" && f.Source.StartsWith(ps.PathOf(".env") + ":2:"));
        Assert.Contains(findings, f => f.Rule == "SubstitutionFailed" && f.Source.StartsWith(ps.PathOf(".env.local") + ":1:"));
    }

    [Fact]
    public void Values_other_tools_read_differently_get_portability_findings_without_values()
    {
        using var ps = new PowerShellSession();
        File.WriteAllText(ps.PathOf(".env"), "API_TOKEN=abc#def\nGREETING=\"say \\\"hi\\\"\"\nHOME_LINK=${HOME}/x\n");
        var result = ps.Run("Test-TfConfig").AssertNoErrors();
        var findings = Findings(result);

        Assert.Contains(findings, f => f.Rule == "PortabilityHash" && f.Key == "API_TOKEN");
        Assert.Contains(findings, f => f.Rule == "PortabilityEscapes" && f.Key == "GREETING");
        Assert.Contains(findings, f => f.Rule == "PortabilityExpansion" && f.Key == "HOME_LINK");
        Assert.DoesNotContain("abc#def", result.AllText());
    }

    [Fact]
    public void An_invalid_schema_is_an_error_naming_file_and_line()
    {
        using var ps = new PowerShellSession();
        File.WriteAllText(ps.PathOf("schema.yaml"), "keys:\n  PORT: { type: colour }\n");
        var result = ps.Run("Test-TfConfig -Schema schema.yaml");
        Assert.Equal(new[] { "SchemaInvalid,TwelveFactor.Commands.TestTfConfigCommand" }, result.ErrorIds);
        Assert.Contains(ps.PathOf("schema.yaml") + ":2:", result.Errors[0].Exception.Message);
    }
}
