namespace TwelveFactor.Core.Foundation;

/// <summary>One environment variable the module reads: its name and what it means, as the README's table says it.</summary>
/// <param name="Name">The variable's name.</param>
/// <param name="Meaning">What it changes, in one line.</param>
public sealed record ModuleSetting(string Name, string Meaning);
