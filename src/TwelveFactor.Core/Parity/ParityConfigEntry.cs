namespace TwelveFactor.Core.Parity;

/// <summary>
/// One resolved config entry of an environment, as the cmdlets hand it over: the key, its final value, whether
/// it is marked secret, and where it was defined (for findings that point at a file and line).
/// </summary>
/// <param name="Name">The key.</param>
/// <param name="Value">The resolved value. Never copied into findings, messages or exceptions.</param>
/// <param name="IsSecret">True when the source marks the entry secret; names and URL passwords are checked too.</param>
/// <param name="SourceFile">The file that defined the entry, when known.</param>
/// <param name="SourceLine">The 1-based line in <paramref name="SourceFile"/>; 0 when unknown.</param>
public sealed record ParityConfigEntry(string Name, string Value, bool IsSecret, string? SourceFile, int SourceLine);
