using System.Text.Json.Serialization;

namespace TwelveFactor.Core.Releases;

/// <summary>
/// The manifest's JSON shapes, serialized by generated code: no reflection or emitted accessors at run time, so the
/// first manifest read in a fresh session does not pay for building them (and the code is precompiled with the rest).
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ManifestCodec.BodyDto))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext
{
}
