using System;
using System.Collections.Generic;
using System.IO;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Core.Config;

/// <summary>
/// Resolves layered env files into one value per key. Later files win over earlier ones; the process environment
/// wins over files unless <see cref="ConfigPrecedence"/> says otherwise. A file that fails to read, parse or
/// interpolate contributes nothing at all: a half-loaded file is worse than a missing one.
/// </summary>
public sealed class ConfigResolver
{
    private readonly Func<string, string?> _processEnvironment;

    /// <param name="processEnvironment">Reads one process environment variable; null when unset.</param>
    public ConfigResolver(Func<string, string?> processEnvironment)
    {
        _processEnvironment = processEnvironment;
    }

    /// <summary>Resolves the given files, lowest precedence first.</summary>
    /// <param name="files">The files, lowest layer first.</param>
    /// <param name="filesAreExplicit">True when the user named the files: a missing one is then an error, not a skipped layer.</param>
    /// <param name="precedence">Who wins between the process environment and the files.</param>
    public ConfigResolution Resolve(IEnumerable<string> files, bool filesAreExplicit, ConfigPrecedence precedence)
    {
        var slots = new Dictionary<string, Slot>(StringComparer.Ordinal);
        var order = new List<string>();
        var filesRead = new List<string>();
        var failures = new List<ConfigFileException>();

        foreach (string file in files)
        {
            if (!File.Exists(file))
            {
                if (filesAreExplicit)
                {
                    failures.Add(new ConfigFileException(ProblemId.ConfigFileNotFound, file, $"The config file '{file}' does not exist."));
                }

                continue;
            }

            EnvDocument document;
            try
            {
                document = EnvFileReader.Read(file);
            }
            catch (ConfigFileException ex)
            {
                failures.Add(ex);
                continue;
            }

            slots.EnsureCapacity(slots.Count + document.Entries.Count);
            if (TryInterpolate(file, document, slots, precedence, out var staged, out var failure))
            {
                filesRead.Add(file);
                Commit(staged, slots, order);
            }
            else
            {
                failures.Add(failure!);
            }
        }

        var values = new List<ConfigValue>(order.Count);
        foreach (string name in order)
        {
            Slot slot = slots[name];
            string? fromProcess = precedence == ConfigPrecedence.ProcessEnvironment ? _processEnvironment(name) : null;
            if (fromProcess is not null && !slot.Source.IsProcessEnvironment)
            {
                (slot.Overrides ??= new List<ConfigSource>()).Add(slot.Source);
                slot.Value = fromProcess;
                slot.Source = ConfigSource.FromProcessEnvironment(name);
            }

            values.Add(new ConfigValue(name, slot.Value, slot.Marked, slot.Source, (IReadOnlyList<ConfigSource>?)slot.Overrides ?? Array.Empty<ConfigSource>()));
        }

        return new ConfigResolution(values, filesRead, failures);
    }

    private bool TryInterpolate(
        string file,
        EnvDocument document,
        Dictionary<string, Slot> slots,
        ConfigPrecedence precedence,
        out List<(EnvEntry Entry, string Value, ConfigSource Source)> staged,
        out ConfigFileException? failure)
    {
        staged = new List<(EnvEntry, string, ConfigSource)>(document.Entries.Count);
        failure = null;
        // Sized up front: growing a dictionary of 250,000 keys rehashes it some twenty times.
        var local = new Dictionary<string, string>(document.Entries.Count, StringComparer.Ordinal);

        // Names resolve as docker compose's env_file does: the process environment first, then keys defined earlier
        // (in this file, then in lower layers). With Files precedence a key keeps its file value, but $KEY inside a
        // later value still sees the shell's KEY, as compose would; FilesOnly never consults the shell.
        bool useShell = precedence != ConfigPrecedence.FilesOnly;
        string? Lookup(string name)
        {
            if (useShell && _processEnvironment(name) is { } fromProcess)
            {
                return fromProcess;
            }

            if (local.TryGetValue(name, out string? fromFile))
            {
                return fromFile;
            }

            return slots.TryGetValue(name, out Slot? slot) ? slot.Value : null;
        }

        try
        {
            foreach (EnvEntry entry in document.Entries)
            {
                string? value = entry.Value is null
                    ? (useShell ? _processEnvironment(entry.Key) : null) // a bare KEY line passes the process value through
                    : EnvInterpolator.Interpolate(entry, Lookup, file);
                if (value is null)
                {
                    continue;
                }

                local[entry.Key] = value;
                staged.Add((entry, value, ConfigSource.FromFile(file, entry.Line)));
            }

            return true;
        }
        catch (EnvFileSyntaxException ex)
        {
            failure = new ConfigFileException(ProblemId.ConfigInterpolationFailed, file, ex.Message, ex);
            return false;
        }
    }

    private static void Commit(List<(EnvEntry Entry, string Value, ConfigSource Source)> staged, Dictionary<string, Slot> slots, List<string> order)
    {
        foreach (var (entry, value, source) in staged)
        {
            if (slots.TryGetValue(entry.Key, out Slot? slot))
            {
                (slot.Overrides ??= new List<ConfigSource>()).Add(slot.Source);
                slot.Value = value;
                slot.Source = source;
                slot.Marked |= entry.IsSecretMarked;
            }
            else
            {
                slots[entry.Key] = new Slot(value, source, entry.IsSecretMarked);
                order.Add(entry.Key);
            }
        }
    }

    private sealed class Slot
    {
        public Slot(string value, ConfigSource source, bool marked)
        {
            Value = value;
            Source = source;
            Marked = marked;
        }

        public string Value { get; set; }

        public ConfigSource Source { get; set; }

        public bool Marked { get; set; }

        // Most keys are set once; the list is made only for a key that a later layer overrides.
        public List<ConfigSource>? Overrides { get; set; }
    }
}
