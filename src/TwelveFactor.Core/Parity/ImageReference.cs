namespace TwelveFactor.Core.Parity;

/// <summary>
/// A container image reference split into name, tag and digest: <c>registry:5000/team/app:1.2@sha256:...</c>.
/// The tag is after the last <c>:</c> that follows the last <c>/</c>, so a registry port is not taken for a tag.
/// </summary>
internal sealed record ImageReference(string Name, string? Tag, string? Digest)
{
    public static ImageReference Parse(string reference)
    {
        string? digest = null;
        int at = reference.IndexOf('@');
        string rest = reference;
        if (at >= 0)
        {
            digest = reference[(at + 1)..];
            rest = reference[..at];
        }

        int slash = rest.LastIndexOf('/');
        int colon = rest.LastIndexOf(':');
        string? tag = null;
        if (colon > slash)
        {
            tag = rest[(colon + 1)..];
            rest = rest[..colon];
        }

        return new ImageReference(rest, tag, digest);
    }
}
