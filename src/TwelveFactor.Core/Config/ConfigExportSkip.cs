namespace TwelveFactor.Core.Config;

/// <summary>A key the chosen format cannot carry, and why (the reason never holds the value).</summary>
public sealed record ConfigExportSkip(string Name, string Reason);
