using System.Text.Json.Serialization;

namespace TwelveFactor.Core.Tests.Releases;

/// <summary>
/// The serializer options the module once used for <see cref="ManifestBodyShape"/> (camelCase, nulls left out)
/// before the codec wrote and read manifests by hand: ManifestCodecTests hold the codec to these bytes.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ManifestBodyShape.Body))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext
{
}
