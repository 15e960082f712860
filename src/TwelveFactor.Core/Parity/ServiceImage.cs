namespace TwelveFactor.Core.Parity;

/// <summary>A service's image as one compose file states it, with where.</summary>
internal sealed record ServiceImage(string? Image, string File, int Line);
