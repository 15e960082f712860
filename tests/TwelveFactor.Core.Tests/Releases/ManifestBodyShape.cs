using System.Collections.Generic;

namespace TwelveFactor.Core.Tests.Releases;

/// <summary>
/// The manifest body's shape as the module once gave it to the JSON serializer (property names and order, value
/// types): with <see cref="ManifestJsonContext"/> the reference the hand-written codec is held to.
/// </summary>
internal static class ManifestBodyShape
{
    internal sealed class Body
    {
        public string? Id { get; set; }

        public string? App { get; set; }

        public string? Environment { get; set; }

        public string? CreatedAt { get; set; }

        public string? CreatedBy { get; set; }

        public string? Description { get; set; }

        public string? Commit { get; set; }

        public string? Image { get; set; }

        public string? ImageDigest { get; set; }

        public string? RestoredFrom { get; set; }

        public string? BuildDigest { get; set; }

        public string? ConfigDigest { get; set; }

        public int FileCount { get; set; }

        public long Size { get; set; }

        public List<File>? Files { get; set; }

        public List<Config>? Config { get; set; }

        public List<Directory>? Directories { get; set; }
    }

    internal sealed class Directory
    {
        public string? Path { get; set; }

        public int Mode { get; set; }
    }

    internal sealed class File
    {
        public string? Path { get; set; }

        public long Size { get; set; }

        public string? Sha256 { get; set; }

        public int Mode { get; set; }

        public string? Target { get; set; }
    }

    internal sealed class Config
    {
        public string? Name { get; set; }

        public bool Secret { get; set; }

        public string? Value { get; set; }

        public string? Hash { get; set; }

        public string? Secretvalue { get; set; }

        public string? Encrypted { get; set; }
    }
}
