using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Core.AdminProcesses;

/// <summary>
/// Decides whether an environment's name marks it as production, where admin tasks ask for confirmation
/// (ConfirmImpact High: <c>-Confirm</c> by default, <c>-Force</c> to skip).
/// </summary>
/// <remarks>
/// The rule is a list of wildcard patterns (<c>*</c> any run of characters, <c>?</c> one character), matched
/// against the whole name without regard to case. By default: <c>prod*</c> (prod, production, prod-eu, ...),
/// <c>production</c> and <c>live</c>. Set <c>TF_PRODUCTION_ENVIRONMENTS</c> to a comma-separated list of
/// patterns to replace the defaults, for example <c>prod*,*-prod,live,customer-*</c>; spaces around the
/// patterns are ignored, and an unset or blank variable means the defaults. The variable is read at each
/// call, as every TwelveFactor setting is: no hidden state.
/// </remarks>
public static class ProductionEnvironmentRule
{
    /// <summary>The patterns used when the variable is unset or blank.</summary>
    public static IReadOnlyList<string> DefaultPatterns { get; } = new[] { "prod*", "production", "live" };

    /// <summary>The patterns in force now.</summary>
    public static IReadOnlyList<string> CurrentPatterns() => Parse(ModuleSettings.Read(ModuleSettings.ProductionEnvironmentsVariable));

    /// <summary>True when the environment is production by the rule in force.</summary>
    public static bool IsProduction(string environment) => IsProduction(environment, CurrentPatterns());

    /// <summary>True when the environment matches any of the patterns.</summary>
    public static bool IsProduction(string environment, IEnumerable<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(patterns);
        return patterns.Any(pattern => Matches(environment, pattern));
    }

    /// <summary>The patterns a TF_PRODUCTION_ENVIRONMENTS value stands for; the defaults when it is blank.</summary>
    public static IReadOnlyList<string> Parse(string? value)
    {
        string[] patterns = (value ?? string.Empty)
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return patterns.Length == 0 ? DefaultPatterns : patterns;
    }

    private static bool Matches(string name, string pattern)
    {
        string regex = "^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$";
        return Regex.IsMatch(name, regex, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1));
    }
}
