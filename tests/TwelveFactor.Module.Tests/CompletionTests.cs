using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using TwelveFactor.Module.Tests.Infrastructure;

namespace TwelveFactor.Module.Tests;

public sealed class CompletionTests
{
    private static string[] Complete(PowerShellSession ps, string input)
    {
        var result = ps.Run("(TabExpansion2 -inputScript $s -cursorColumn $s.Length).CompletionMatches | ForEach-Object CompletionText",
            new() { ["s"] = input }).AssertNoErrors();
        return result.Output.Select(o => o.ToString()).ToArray();
    }

    [Fact]
    public void Environment_names_complete_from_the_env_files_here()
    {
        using var ps = new PowerShellSession();
        foreach (string name in new[] { ".env", ".env.staging", ".env.staging.local", ".env.production", ".env.example", ".env.local" })
        {
            File.WriteAllText(ps.PathOf(name), "A=1\n");
        }

        Assert.Equal(new[] { "production", "staging" }, Complete(ps, "Get-TfConfig -Environment "));
        Assert.Equal(new[] { "staging" }, Complete(ps, "Set-TfConfig -Environment st"));
    }

    [Fact]
    public void Keys_complete_from_the_chosen_environments_layers()
    {
        using var ps = new PowerShellSession();
        File.WriteAllText(ps.PathOf(".env"), "DB_HOST=x\nPORT=1\n");
        File.WriteAllText(ps.PathOf(".env.staging"), "DB_NAME=y\n");

        Assert.Equal(new[] { "DB_HOST", "DB_NAME" }, Complete(ps, "Get-TfConfig -Environment staging -Name DB"));
        Assert.Equal(new[] { "DB_HOST" }, Complete(ps, "Remove-TfConfig -Name db"));
    }

    [Fact]
    public void Release_ids_of_a_store_that_does_not_answer_come_from_the_cache_within_the_deadline()
    {
        // A "blob endpoint" that accepts connections and never answers: the Azure SDK would retry for minutes.
        var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        try
        {
            int port = ((IPEndPoint)silent.LocalEndpoint).Port;
            string store = $"http://127.0.0.1:{port}/devstoreaccount1/releases?sv=2020-08-04&sp=rl&se=2030-01-01T00:00:00Z&sig=c2lnbmF0dXJl";
            using var ps = new PowerShellSession();
            string cache = ps.PathOf("cache");
            string? previous = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
            Environment.SetEnvironmentVariable("XDG_CACHE_HOME", cache);
            try
            {
                var clock = Stopwatch.StartNew();
                Assert.Empty(Complete(ps, $"Get-TfRelease -App shop -Store '{store}' -Id "));
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"Tab waited {clock.Elapsed.TotalSeconds:0.0} s for a silent store");

                // What an earlier Tab against the same store listed (the completer writes this file when the store answers).
                string key = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(store + "\nshop")))[..16].ToLowerInvariant();
                Directory.CreateDirectory(Path.Combine(cache, "twelvefactor", "completion"));
                File.WriteAllText(Path.Combine(cache, "twelvefactor", "completion", key + ".ids"), "v1\nv2\n../../etc\nv10\n");

                clock.Restart();
                Assert.Equal(new[] { "v10", "v2", "v1" }, Complete(ps, $"Get-TfRelease -App shop -Store '{store}' -Id "));
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"Tab waited {clock.Elapsed.TotalSeconds:0.0} s for a silent store");
            }
            finally
            {
                Environment.SetEnvironmentVariable("XDG_CACHE_HOME", previous);
            }
        }
        finally
        {
            silent.Stop();
        }
    }
}
