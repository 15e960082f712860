namespace TwelveFactor.Core.Parity;

/// <summary>The kinds of <see cref="ValueShape"/>.</summary>
internal enum ValueShapeKind
{
    Empty,
    Boolean,
    Number,
    Text,
}
