using System;
using System.Collections.Specialized;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TwelveFactor.Core.Config;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Core.Tests.Config;

public sealed class ConfigResolverTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tf-resolver-").FullName;
    private readonly Dictionary<string, string> _process = new();

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private ConfigResolution Resolve(ConfigPrecedence precedence, params string[] files) =>
        new ConfigResolver(n => _process.GetValueOrDefault(n)).Resolve(files, filesAreExplicit: true, precedence);

    [Fact]
    public void Later_files_win_and_record_what_they_override()
    {
        string a = Write("a.env", "X=1\nY=a\n");
        string b = Write("b.env", "X=2\n");
        var result = Resolve(ConfigPrecedence.ProcessEnvironment, a, b);

        var x = result.Find("X")!;
        Assert.Equal("2", x.Value);
        Assert.Equal($"{b}:1", x.Source.ToString());
        Assert.Equal(new[] { $"{a}:1" }, x.Overrides.Select(o => o.ToString()));
        Assert.Equal(new[] { "X", "Y" }, result.Values.Select(v => v.Name));
        Assert.Equal(new[] { a, b }, result.FilesRead);
    }

    [Fact]
    public void Values_held_verbatim_in_the_file_are_read_from_its_text_and_not_kept()
    {
        // Every way a value is written: bare, single- and double-quoted (verbatim), with escapes, interpolated,
        // multi-line, empty, with an inline comment, and one that a later line overrides.
        string a = Write("a.env", "A=plain value # note\nB='single $A'\nC=\"double\"\nD=\"esc\\n\\\"q\\\"\"\nE=${A}-x\nF=\"two\nlines\"\nG=\nH=first\nH=second\nexport I = spaced \n");
        var result = Resolve(ConfigPrecedence.FilesOnly, a);
        var expected = new Dictionary<string, string>
        {
            ["A"] = "plain value", ["B"] = "single $A", ["C"] = "double", ["D"] = "esc\n\"q\"", ["E"] = "plain value-x",
            ["F"] = "two\nlines", ["G"] = string.Empty, ["H"] = "second", ["I"] = "spaced",
        };
        Assert.Equal(expected, result.Values.ToDictionary(v => v.Name, v => v.Value));

        // A verbatim value is copied from the text on each read, so a caller streaming the values holds one at a time;
        // a value the resolver made (interpolated, unescaped) is the one string.
        ConfigValue plain = result.Find("A")!;
        Assert.NotSame(plain.Value, plain.Value);
        Assert.Equal(plain.Value, plain.Value);
        ConfigValue made = result.Find("E")!;
        Assert.Same(made.Value, made.Value);
        Assert.Equal("single $A", result.Find("B")!.Shown(plainText: true, out bool secret));
        Assert.False(secret);
    }

    [Fact]
    public void Shown_values_are_the_values_objects_would_show_without_making_them()
    {
        string a = Write("a.env", "PORT=80\nDB_PASSWORD=hunter2\nURL=postgres://u:pw@h/db\n# tf:secret\nMARKED=x\nREF=${PORT}-y\nSHELL_WINS=file\n");
        string b = Write("b.env", "PORT=8080\nNEW='q $PORT'\n");
        _process["SHELL_WINS"] = "from-shell";
        foreach (ConfigPrecedence precedence in new[] { ConfigPrecedence.ProcessEnvironment, ConfigPrecedence.FilesOnly })
        {
            foreach (bool plain in new[] { true, false })
            {
                // Read before Values exists (the slots), then again after (the objects): the same pairs, in order.
                var resolution = Resolve(precedence, a, b);
                var fromSlots = resolution.ShownValues(plain).ToList();
                Assert.Equal(resolution.Count, fromSlots.Count);
                var fromObjects = resolution.Values.Select(v => new KeyValuePair<string, string>(v.Name, plain ? v.Value : v.DisplayValue)).ToList();
                Assert.Equal(fromObjects, fromSlots);
                Assert.Equal(fromObjects, resolution.ShownValues(plain).ToList());
            }
        }

        var shown = Resolve(ConfigPrecedence.ProcessEnvironment, a, b).ShownValues(plainText: false).ToDictionary(p => p.Key, p => p.Value);
        Assert.Equal("8080", shown["PORT"]);
        Assert.Equal("********", shown["DB_PASSWORD"]);
        Assert.Equal("postgres://u:********@h/db", shown["URL"]);
        Assert.Equal("********", shown["MARKED"]);
        Assert.Equal("80-y", shown["REF"]);
        Assert.Equal("from-shell", shown["SHELL_WINS"]);
        Assert.Equal("q $PORT", shown["NEW"]);
        Assert.Equal("file", Resolve(ConfigPrecedence.FilesOnly, a, b).ShownValues(plainText: true).Single(p => p.Key == "SHELL_WINS").Value);
    }

    [Fact]
    public void The_ordered_table_holds_what_is_shown_and_finds_every_name_by_its_position()
    {
        string a = Write("a.env", "PORT=80\nDB_PASSWORD=hunter2\nport=lower\nREF=${PORT}-y\n" + string.Concat(Enumerable.Range(0, 300).Select(i => $"K{i}=v{i}\n")));
        string b = Write("b.env", "PORT=8080\nNEW=n\n");
        foreach (bool plain in new[] { true, false })
        {
            var resolution = Resolve(ConfigPrecedence.FilesOnly, a, b);
            var shown = resolution.ShownValues(plain).ToList();
            var table = resolution.ToOrderedDictionary(plain, resolution.Count);
            Assert.Equal(shown.Select(p => (object)p.Key), table.Keys.Cast<object>());
            Assert.Equal(shown.Select(p => (object)p.Value), table.Values.Cast<object>());

            // Every name, as a string of its own (not the table's instance), finds its value; names compare ordinally.
            foreach (var (name, value) in shown)
            {
                string copy = new string(name.AsSpan());
                Assert.True(table.Contains(copy), name);
                Assert.Equal(value, table[copy]);
            }

            Assert.Equal("lower", table["port"]);
            Assert.False(table.Contains("Port"));
            Assert.Null(table["MISSING"]);

            // A table like any other: keys added later (a string, a number), changed and removed.
            table.Add("ADDED", "later");
            table.Add(42, "number");
            table["PORT"] = "changed";
            table.Remove("K7");
            Assert.Equal("later", table["ADDED"]);
            Assert.Equal("number", table[(object)42]);
            Assert.Equal("changed", table["PORT"]);
            Assert.False(table.Contains("K7"));
            Assert.Equal("v8", table["K8"]);
            Assert.Throws<ArgumentException>(() => table.Add(new string("NEW".AsSpan()), "twice"));
        }

        // Only the names a filter accepts, at their own positions (sparse, wrapping a smaller table): each still found.
        var filtered = Resolve(ConfigPrecedence.FilesOnly, a, b).ToOrderedDictionary(plainText: true, capacity: 3, name => name is "K299" or "NEW" or "K150");
        Assert.Equal(new object[] { "K150", "K299", "NEW" }, filtered.Keys.Cast<object>());
        Assert.Equal("v299", filtered["K299"]);
        Assert.Equal("n", filtered["NEW"]);
        Assert.False(filtered.Contains("K151"));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(40)]
    public void The_process_environment_as_a_whole_gives_what_a_lookup_per_key_gives(int variableCount)
    {
        // Fewer variables than keys (each variable looked for among the keys) and more (each key among the variables).
        string a = Write("a.env", "A=1\nB=${A}-b\nC=3\nD=4\nE=5\n");
        string b = Write("b.env", "C=30\nF=6\n");
        var variables = new Dictionary<string, string>(StringComparer.Ordinal) { ["A"] = "shell-a", ["C"] = "shell-c", ["F"] = string.Empty };
        for (int i = variables.Count; i < variableCount; i++)
        {
            variables["OTHER_" + i] = "x";
        }

        foreach (ConfigPrecedence precedence in Enum.GetValues<ConfigPrecedence>())
        {
            var byLookup = new ConfigResolver(name => variables.GetValueOrDefault(name)).Resolve(new[] { a, b }, filesAreExplicit: true, precedence);
            var byTable = new ConfigResolver(variables).Resolve(new[] { a, b }, filesAreExplicit: true, precedence);
            static string Describe(ConfigValue v) =>
                $"{v.Name}={v.Value} process={v.IsFromProcessEnvironment} source={v.Source} overrides={string.Join(",", v.Overrides.Select(o => o.ToString()))}";
            Assert.Equal(byLookup.Values.Select(Describe), byTable.Values.Select(Describe));
        }

        var shellWins = new ConfigResolver(variables).Resolve(new[] { a, b }, filesAreExplicit: true, ConfigPrecedence.ProcessEnvironment);
        Assert.Equal("shell-a", shellWins.Find("A")!.Value);
        Assert.Equal("shell-c", shellWins.Find("C")!.Value);
        Assert.Equal(2, shellWins.Find("C")!.Overrides.Count);
        Assert.Equal(string.Empty, shellWins.Find("F")!.Value);
        Assert.Equal("5", shellWins.Find("E")!.Value);
        Assert.Null(shellWins.Find("OTHER_3"));
    }

    [Fact]
    public void The_name_comparer_is_ordinal_with_a_resolved_name_hashing_to_its_position()
    {
        var comparer = new ConfigNameComparer(new Dictionary<string, int>(StringComparer.Ordinal) { ["A"] = 0, ["B"] = 1, ["C"] = 2 });
        Assert.Equal(0, comparer.GetHashCode(new string("A".AsSpan())));
        Assert.Equal(2, comparer.GetHashCode("C"));
        Assert.Equal(StringComparer.Ordinal.GetHashCode("D"), comparer.GetHashCode("D"));
        Assert.Equal(7.GetHashCode(), comparer.GetHashCode(7));
        Assert.True(comparer.Equals("A", new string("A".AsSpan())));
        Assert.False(comparer.Equals("A", "a"));
        Assert.True(comparer.Equals(7, 7));
        Assert.False(comparer.Equals("7", 7));
        Assert.Throws<ArgumentNullException>(() => comparer.GetHashCode(null!));
    }

    [Fact]
    public void Interpolation_looks_up_the_process_first_then_earlier_values()
    {
        _process["HOME_DIR"] = "/home/app";
        string a = Write("a.env", "HOST=db\nURL=\"pg://${HOST}:${PORT:-5432}/x\"\nLOGS=$HOME_DIR/logs\nLATER=${DEFINED_LATER-none}\nDEFINED_LATER=1\nLIT='$HOST'\n");
        var result = Resolve(ConfigPrecedence.ProcessEnvironment, a);

        Assert.Equal("pg://db:5432/x", result.Find("URL")!.Value);
        Assert.Equal("/home/app/logs", result.Find("LOGS")!.Value);
        Assert.Equal("none", result.Find("LATER")!.Value);
        Assert.Equal("$HOST", result.Find("LIT")!.Value);
    }

    [Fact]
    public void Process_environment_precedence_modes()
    {
        _process["HOST"] = "from-process";
        string a = Write("a.env", "HOST=from-file\nURL=http://${HOST}/\n");

        var processWins = Resolve(ConfigPrecedence.ProcessEnvironment, a);
        Assert.Equal("from-process", processWins.Find("HOST")!.Value);
        Assert.True(processWins.Find("HOST")!.Source.IsProcessEnvironment);
        Assert.Equal("http://from-process/", processWins.Find("URL")!.Value);

        // Files: the key keeps the file's value, but $HOST inside a later value sees the shell first, as compose's env_file does.
        var filesWin = Resolve(ConfigPrecedence.Files, a);
        Assert.Equal("from-file", filesWin.Find("HOST")!.Value);
        Assert.Equal("http://from-process/", filesWin.Find("URL")!.Value);

        // FilesOnly: the shell is never consulted.
        var filesOnly = Resolve(ConfigPrecedence.FilesOnly, a);
        Assert.Equal("http://from-file/", filesOnly.Find("URL")!.Value);
    }

    [Fact]
    public void A_bare_key_passes_the_process_value_through_or_is_absent()
    {
        _process["PASSED"] = "yes";
        string a = Write("a.env", "PASSED\nNOT_SET\n");
        var result = Resolve(ConfigPrecedence.ProcessEnvironment, a);
        Assert.Equal(new[] { "PASSED" }, result.Values.Select(v => v.Name));
        Assert.Equal("yes", result.Find("PASSED")!.Value);

        // Files only: a bare key would carry the operator's shell into a release or export, so it is absent.
        Assert.Empty(Resolve(ConfigPrecedence.FilesOnly, a).Values);
    }

    [Fact]
    public void A_file_that_fails_contributes_nothing_and_the_others_still_count()
    {
        string good = Write("good.env", "A=1\n");
        string broken = Write("broken.env", "B=2\nC=${MISSING:?needs MISSING}\n");
        string missing = Path.Combine(_folder, "missing.env");
        var result = Resolve(ConfigPrecedence.FilesOnly, good, broken, missing);

        Assert.Equal(new[] { "A" }, result.Values.Select(v => v.Name));
        Assert.Equal(new[] { ProblemId.ConfigInterpolationFailed, ProblemId.ConfigFileNotFound }, result.Failures.Select(f => f.Problem));
        Assert.Contains("needs MISSING", result.Failures[0].Message);
    }

    [Fact]
    public void A_failing_file_that_overrode_keys_leaves_every_earlier_value_and_source_as_it_was()
    {
        // The resolver writes each file's values in place and undoes them on failure: A overridden twice, B once
        // (and marked), C new, then the error on the last line.
        string shared = Write("shared.env", "A=1\nB=one\nA=2\n");
        string broken = Write("broken.env", "A=x\n# tf:secret\nB=y\nC=z\nA=w\nD=${MISSING:?needs MISSING}\n");
        string last = Write("last.env", "E=${A}-${B}-${C:-none}\n");
        var result = Resolve(ConfigPrecedence.FilesOnly, shared, broken, last);

        Assert.Equal(new[] { "A", "B", "E" }, result.Values.Select(v => v.Name));
        var a = result.Find("A")!;
        Assert.Equal("2", a.Value);
        Assert.Equal($"{shared}:3", a.Source.ToString());
        Assert.Equal(new[] { $"{shared}:1" }, a.Overrides.Select(o => o.ToString()));
        var b = result.Find("B")!;
        Assert.Equal("one", b.Value);
        Assert.False(b.IsMarkedSecret);
        Assert.Empty(b.Overrides);
        Assert.Null(result.Find("C"));
        Assert.Equal("2-one-none", result.Find("E")!.Value);
        Assert.Equal(new[] { shared, last }, result.FilesRead);
    }

    [Fact]
    public void Secrets_by_marking_name_or_url_password_are_masked_for_display()
    {
        string a = Write("a.env", "# tf:secret\nSEED=abc\nAPI_TOKEN=t\nDB=postgres://u:pw@h/db\nPLAIN=p\n");
        var result = Resolve(ConfigPrecedence.FilesOnly, a);

        Assert.Equal(new[] { true, true, true, false }, result.Values.Select(v => v.IsSecret));
        Assert.Equal(new[] { "********", "********", "postgres://u:********@h/db", "p" }, result.Values.Select(v => v.DisplayValue));
    }
}

public sealed class ConfigLayoutTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("tf-layout-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Environments_are_discovered_from_file_names_only()
    {
        foreach (string name in new[] { ".env", ".env.local", ".env.example", ".env.staging", ".env.staging.local", ".env.prod-eu", ".env.bad name", "x.env.qa" })
        {
            File.WriteAllText(Path.Combine(_folder, name), "A=1\n");
        }

        Assert.Equal(new[] { "prod-eu", "staging" }, ConfigLayout.DiscoverEnvironments(_folder));
    }

    [Fact]
    public void Layer_files_lowest_first()
    {
        Assert.Equal(
            new[] { ".env", ".env.local", ".env.qa", ".env.qa.local" },
            ConfigLayout.LayerFiles(_folder, "qa").Select(Path.GetFileName));
        Assert.Throws<ArgumentException>(() => ConfigLayout.LayerFiles(_folder, "../etc"));
    }
}
