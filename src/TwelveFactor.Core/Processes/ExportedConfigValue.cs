namespace TwelveFactor.Core.Processes;

/// <summary>A config value as an export sees it: the classifier's verdict decides which file it goes to.</summary>
/// <param name="Name">The key.</param>
/// <param name="Value">The value.</param>
/// <param name="IsSecret">Whether it is a secret (it then goes only into an owner-only file or a Secret).</param>
public sealed record ExportedConfigValue(string Name, string Value, bool IsSecret);
