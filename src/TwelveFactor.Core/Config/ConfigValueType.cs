namespace TwelveFactor.Core.Config;

/// <summary>The kinds of value a schema can require of a key.</summary>
public enum ConfigValueType
{
    String,
    Integer,
    Number,
    Boolean,
    Url,
    Port,
}
