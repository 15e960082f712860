namespace TwelveFactor.Core.BackingServices;

/// <summary>One <c>key=value</c> pair of a connection string, with where its raw value sits for masking.</summary>
internal readonly record struct ConnectionStringPart(string Key, string Value, int RawValueStart, int RawValueLength)
{
    /// <summary>The key in lower case without spaces or underscores, as ADO.NET providers compare keys.</summary>
    public string NormalizedKey => Key.Replace(" ", string.Empty).Replace("_", string.Empty).ToLowerInvariant();
}
