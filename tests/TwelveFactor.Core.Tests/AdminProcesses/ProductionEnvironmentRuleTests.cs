using System;

using TwelveFactor.Core.AdminProcesses;
using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Core.Tests.AdminProcesses;

public sealed class ProductionEnvironmentRuleTests
{
    [Theory]
    [InlineData("prod", true)]
    [InlineData("Production", true)]
    [InlineData("prod-eu", true)]
    [InlineData("LIVE", true)]
    [InlineData("staging", false)]
    [InlineData("preprod", false)]
    [InlineData("live-demo", false)]
    [InlineData("dev", false)]
    public void TheDefaultsMatchTheUsualNames(string environment, bool expected)
    {
        Assert.Equal(expected, ProductionEnvironmentRule.IsProduction(environment, ProductionEnvironmentRule.DefaultPatterns));
    }

    [Fact]
    public void TheVariableReplacesTheDefaults()
    {
        var patterns = ProductionEnvironmentRule.Parse(" *-prd , customer-? ,");

        Assert.True(ProductionEnvironmentRule.IsProduction("eu-PRD", patterns));
        Assert.True(ProductionEnvironmentRule.IsProduction("customer-a", patterns));
        Assert.False(ProductionEnvironmentRule.IsProduction("customer-ab", patterns));
        Assert.False(ProductionEnvironmentRule.IsProduction("production", patterns));
        Assert.Equal(ProductionEnvironmentRule.DefaultPatterns, ProductionEnvironmentRule.Parse("  "));
        Assert.Equal(ProductionEnvironmentRule.DefaultPatterns, ProductionEnvironmentRule.Parse(null));
    }

    [Fact]
    public void PatternCharactersOtherThanWildcardsAreLiteral()
    {
        Assert.False(ProductionEnvironmentRule.IsProduction("prodX", new[] { "prod." }));
        Assert.True(ProductionEnvironmentRule.IsProduction("prod.", new[] { "prod." }));
    }

    [Fact]
    public void TheEnvironmentVariableIsReadAtEachCall()
    {
        string? saved = ModuleSettings.Read(ModuleSettings.ProductionEnvironmentsVariable);
        try
        {
            Environment.SetEnvironmentVariable(ModuleSettings.ProductionEnvironmentsVariable, "acme-*");
            Assert.True(ProductionEnvironmentRule.IsProduction("acme-main"));
            Assert.False(ProductionEnvironmentRule.IsProduction("prod"));

            Environment.SetEnvironmentVariable(ModuleSettings.ProductionEnvironmentsVariable, null);
            Assert.True(ProductionEnvironmentRule.IsProduction("prod"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(ModuleSettings.ProductionEnvironmentsVariable, saved);
        }
    }
}
