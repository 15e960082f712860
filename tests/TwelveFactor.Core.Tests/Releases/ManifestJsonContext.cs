using System.Text.Json.Serialization;
using TwelveFactor.Core.Releases;

namespace TwelveFactor.Core.Tests.Releases;

/// <summary>
/// The manifest body as the JSON serializer wrote and read it (camelCase, nulls left out) before the codec wrote and
/// read it by hand: ManifestCodecTests hold the codec to these bytes.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ManifestCodec.BodyDto))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext
{
}
