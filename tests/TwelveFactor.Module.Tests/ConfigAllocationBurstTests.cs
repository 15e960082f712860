using System;
using System.Collections.Specialized;
using System.IO;
using System.Linq;
using System.Runtime;
using System.Text;
using TwelveFactor.Module.Tests.Infrastructure;

namespace TwelveFactor.Module.Tests;

/// <summary>No other test runs beside these: a garbage collection region is the whole process's.</summary>
[CollectionDefinition(nameof(ConfigAllocationBurstTests), DisableParallelization = true)]
public sealed class ConfigAllocationBurstCollection
{
}

/// <summary>
/// Get-TfConfig holds garbage collection off while it turns a large config into objects; whatever happens, the
/// region ends with the command, and a region the caller started is left alone.
/// </summary>
[Collection(nameof(ConfigAllocationBurstTests))]
public sealed class ConfigAllocationBurstTests
{
    private static PowerShellSession WithLargeEnvFile(int keys = 40_000)
    {
        var ps = new PowerShellSession();
        var text = new StringBuilder();
        for (int i = 0; i < keys; i++)
        {
            text.Append("KEY_").Append(i).Append("=value-").Append(i).Append('-').Append('x', 20).Append('\n');
        }

        File.WriteAllText(ps.PathOf("large.env"), text.ToString());
        Assert.True(new FileInfo(ps.PathOf("large.env")).Length > 1 << 20);
        return ps;
    }

    [Fact]
    public void A_large_config_resolves_whole_and_the_region_ends_with_the_command()
    {
        using var ps = WithLargeEnvFile();
        int fullCollections = GC.CollectionCount(2);

        var table = (OrderedDictionary)Assert.Single(ps.Run("Get-TfConfig -Path ./large.env -AsHashtable -AsPlainText").AssertNoErrors().Output).BaseObject;
        var entries = ps.Run("Get-TfConfig -Path ./large.env").AssertNoErrors().Output;

        Assert.Equal(40_000, table.Count);
        Assert.Equal("value-39999-" + new string('x', 20), table["KEY_39999"]);
        Assert.Equal(40_000, entries.Count);
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);

        // The region's start is the one collection each command may cause (more only if a burst outgrows it).
        Assert.InRange(GC.CollectionCount(2) - fullCollections, 1, 6);
    }

    [Fact]
    public void A_pipeline_stopped_early_still_ends_the_region()
    {
        using var ps = WithLargeEnvFile();

        // A terminating error downstream stops the pipeline at the first entry.
        var output = ps.Run("try { Get-TfConfig -Path ./large.env | ForEach-Object { throw \"stop at $($_.Name)\" } } catch { $_.Exception.Message }").AssertNoErrors().Output;

        Assert.Equal("stop at KEY_0", Assert.Single(output).BaseObject);
        Assert.NotEqual(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
    }

    [Fact]
    public void A_region_the_caller_started_is_neither_ended_nor_nested()
    {
        using var ps = WithLargeEnvFile(keys: 30_000);
        Assert.True(GC.TryStartNoGCRegion(200L << 20));
        try
        {
            ps.Run("$null = Get-TfConfig -Path ./large.env -AsHashtable").AssertNoErrors();
            Assert.Equal(GCLatencyMode.NoGCRegion, GCSettings.LatencyMode);
        }
        finally
        {
            if (GCSettings.LatencyMode == GCLatencyMode.NoGCRegion)
            {
                GC.EndNoGCRegion();
            }
        }
    }

    [Fact]
    public void A_small_config_starts_no_region()
    {
        using var ps = new PowerShellSession();
        File.WriteAllText(ps.PathOf(".env"), "PORT=8080\n");
        int fullCollections = GC.CollectionCount(2);

        ps.Run("Get-TfConfig -AsHashtable").AssertNoErrors();

        Assert.Equal(fullCollections, GC.CollectionCount(2));
    }
}
