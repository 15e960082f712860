using System.Collections.Generic;

namespace TwelveFactor.Core.Config;

/// <summary>
/// One key as the resolver keeps it: a struct in one list for all layers, so a key costs no object of the resolver's
/// own; <see cref="ConfigResolution"/> turns slots into <see cref="ConfigValue"/> objects only when they are asked for.
/// </summary>
internal struct ResolvedSlot
{
    public string Name;

    // The value: made (interpolated, from the process) in Value, or read from the file's text by Verbatim.
    public string? Value;
    public EnvEntry? Verbatim;
    public string File;
    public int Line;
    public bool Marked;

    // True when the process environment's value won over the files' (Value holds it).
    public bool FromProcess;

    // Most keys are set once; the list is made only for a key that a later line or layer overrides.
    public List<ConfigSource>? Overrides;

    public readonly string Text => Value ?? Verbatim!.Value!;
}
