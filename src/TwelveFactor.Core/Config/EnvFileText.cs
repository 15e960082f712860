namespace TwelveFactor.Core.Config;

/// <summary>An env file's text and whether its bytes started with a UTF-8 byte order mark.</summary>
/// <param name="Text">The text without the byte order mark.</param>
/// <param name="HasBom">True when the file started with EF BB BF; writing it back restores the mark.</param>
public sealed record EnvFileText(string Text, bool HasBom);
