using System;
using System.Collections.Generic;
using System.IO;
using System.Runtime.InteropServices;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Core.Config;

/// <summary>
/// Resolves layered env files into one value per key. Later files win over earlier ones; the process environment
/// wins over files unless <see cref="ConfigPrecedence"/> says otherwise. A file that fails to read, parse or
/// interpolate contributes nothing at all: a half-loaded file is worse than a missing one.
/// </summary>
/// <remarks>
/// Built for files of hundreds of thousands of keys: one name index and one list of slots (structs) for all
/// layers, each file's entries written straight into them with an undo log for the slots it changed, so a key
/// costs one index lookup and no object of the resolver's own; where a value came from becomes an object only
/// when a caller asks (<see cref="ConfigValue.Source"/>).
/// </remarks>
public sealed class ConfigResolver
{
    private readonly Func<string, string?> _processEnvironment;
    private readonly Func<string, EnvDocument> _readDocument;

    // How a file the layout found is read when the resolver reads files itself: only a regular file or a link to one.
    private readonly Func<string, EnvDocument>? _readLayer;

    // The process environment as a whole, when the caller gave it so (see the override pass in Resolve).
    private readonly IReadOnlyDictionary<string, string>? _processVariables;

    /// <param name="processEnvironment">The process environment's variables (a snapshot: the resolver only reads it).</param>
    public ConfigResolver(IReadOnlyDictionary<string, string> processEnvironment)
        : this(name => processEnvironment.GetValueOrDefault(name), EnvFileReader.Read)
    {
        _processVariables = processEnvironment;
        _readLayer = EnvFileReader.ReadLayer;
    }

    /// <param name="processEnvironment">Reads one process environment variable; null when unset.</param>
    public ConfigResolver(Func<string, string?> processEnvironment)
        : this(processEnvironment, EnvFileReader.Read)
    {
        _readLayer = EnvFileReader.ReadLayer;
    }

    /// <param name="processEnvironment">Reads one process environment variable; null when unset.</param>
    /// <param name="readDocument">Reads one existing file, throwing <see cref="ConfigFileException"/> when it cannot
    /// (a caller that has read the files already, such as the checker, hands them over instead of reading them twice).</param>
    public ConfigResolver(Func<string, string?> processEnvironment, Func<string, EnvDocument> readDocument)
    {
        _processEnvironment = processEnvironment;
        _readDocument = readDocument;
    }

    /// <summary>Resolves the given files, lowest precedence first.</summary>
    /// <param name="files">The files, lowest layer first.</param>
    /// <param name="filesAreExplicit">True when the user named the files: a missing one is then an error, not a skipped layer.</param>
    /// <param name="precedence">Who wins between the process environment and the files.</param>
    // ReadyToRun, unlike TryApply: its loops run per file and per process variable (see the override pass), not
    // per key, and compiling it at every session's first config read cost 2 ms for nothing.
    public ConfigResolution Resolve(IEnumerable<string> files, bool filesAreExplicit, ConfigPrecedence precedence)
    {
        var state = new State();
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
                document = !filesAreExplicit && _readLayer is not null ? _readLayer(file) : _readDocument(file);
            }
            catch (ConfigFileException ex)
            {
                failures.Add(ex);
                continue;
            }

            if (TryApply(file, document, state, precedence, out var failure))
            {
                filesRead.Add(file);
            }
            else
            {
                failures.Add(failure!);
            }
        }

        if (precedence == ConfigPrecedence.ProcessEnvironment)
        {
            Span<ResolvedSlot> slots = CollectionsMarshal.AsSpan(state.Slots);
            if (_processVariables is { } variables && variables.Count < slots.Length)
            {
                // Fewer variables than keys (a large file has far more): each variable is looked for among the keys,
                // instead of each of 160,000 keys among the variables.
                foreach (var (name, fromProcess) in variables)
                {
                    if (state.Index.TryGetValue(name, out int at))
                    {
                        TakeFromProcess(ref slots[at], fromProcess);
                    }
                }
            }
            else
            {
                foreach (ref ResolvedSlot slot in slots)
                {
                    if (_processEnvironment(slot.Name) is { } fromProcess)
                    {
                        TakeFromProcess(ref slot, fromProcess);
                    }
                }
            }
        }

        return new ConfigResolution(state.Slots, filesRead, failures, state.Index);
    }

    // The process environment's value wins over the files': theirs becomes an override.
    private static void TakeFromProcess(ref ResolvedSlot slot, string fromProcess)
    {
        (slot.Overrides ??= new List<ConfigSource>()).Add(ConfigSource.FromFile(slot.File, slot.Line));
        slot.Value = fromProcess;
        slot.Verbatim = null;
        slot.FromProcess = true;
    }

    /// <summary>Writes one file's values into the state; on an interpolation error, undoes them and says why.</summary>
    private bool TryApply(string file, EnvDocument document, State state, ConfigPrecedence precedence, out ConfigFileException? failure)
    {
        failure = null;
        IReadOnlyList<EnvEntry> entries = document.Entries;
        state.Index.EnsureCapacity(state.Index.Count + entries.Count);
        state.Slots.EnsureCapacity(state.Slots.Count + entries.Count);
        int slotsBefore = state.Slots.Count;
        var undo = new List<(int At, ResolvedSlot Before, int OverridesBefore)>();

        // Names resolve as docker compose's env_file does: the process environment first, then keys defined earlier
        // (in this file, then in lower layers: the slots hold exactly that at any point of the file). With Files
        // precedence a key keeps its file value, but $KEY inside a later value still sees the shell's KEY, as
        // compose would; FilesOnly never consults the shell.
        bool useShell = precedence != ConfigPrecedence.FilesOnly;
        string? Lookup(string name)
        {
            if (useShell && _processEnvironment(name) is { } fromProcess)
            {
                return fromProcess;
            }

            return state.Index.TryGetValue(name, out int at) ? state.Slots[at].Text : null;
        }

        try
        {
            for (int e = 0; e < entries.Count; e++)
            {
                EnvEntry entry = entries[e];

                // A literal value stays in the file's text (the entry reads it when asked); the others are made here.
                EnvEntry? verbatim = null;
                string? value = null;
                if (entry.IsBare)
                {
                    value = useShell ? _processEnvironment(entry.Key) : null; // a bare KEY line passes the process value through
                    if (value is null)
                    {
                        continue;
                    }
                }
                else if (entry.IsLiteral)
                {
                    verbatim = entry;
                }
                else
                {
                    value = EnvInterpolator.Interpolate(entry, Lookup, file)!;
                }

                // One hash and probe per key, whether it is new or seen before.
                ref int at = ref CollectionsMarshal.GetValueRefOrAddDefault(state.Index, entry.Key, out bool seen);
                if (seen)
                {
                    ref ResolvedSlot slot = ref CollectionsMarshal.AsSpan(state.Slots)[at];
                    if (at < slotsBefore)
                    {
                        undo.Add((at, slot, slot.Overrides?.Count ?? -1));
                    }

                    (slot.Overrides ??= new List<ConfigSource>()).Add(ConfigSource.FromFile(slot.File, slot.Line));
                    slot.Value = value;
                    slot.Verbatim = verbatim;
                    slot.File = file;
                    slot.Line = entry.Line;
                    slot.Marked |= entry.IsSecretMarked;
                }
                else
                {
                    at = state.Slots.Count;
                    state.Slots.Add(new ResolvedSlot { Name = entry.Key, Value = value, Verbatim = verbatim, File = file, Line = entry.Line, Marked = entry.IsSecretMarked });
                }
            }

            return true;
        }
        catch (EnvFileSyntaxException ex)
        {
            Undo(state, slotsBefore, undo);
            failure = new ConfigFileException(ProblemId.ConfigInterpolationFailed, file, ex.Message, ex);
            return false;
        }
    }

    private static void Undo(State state, int slotsBefore, List<(int At, ResolvedSlot Before, int OverridesBefore)> undo)
    {
        for (int i = state.Slots.Count - 1; i >= slotsBefore; i--)
        {
            state.Index.Remove(state.Slots[i].Name);
        }

        state.Slots.RemoveRange(slotsBefore, state.Slots.Count - slotsBefore);

        // Newest first, so a key set twice in the failed file ends as it was before the file.
        for (int i = undo.Count - 1; i >= 0; i--)
        {
            var (at, before, overridesBefore) = undo[i];
            if (overridesBefore < 0)
            {
                before.Overrides = null;
            }
            else
            {
                before.Overrides!.RemoveRange(overridesBefore, before.Overrides.Count - overridesBefore);
            }

            state.Slots[at] = before;
        }
    }

    private sealed class State
    {
        public Dictionary<string, int> Index { get; } = new(StringComparer.Ordinal);

        public List<ResolvedSlot> Slots { get; } = new();
    }
}
