using System;

namespace TwelveFactor.Core.Foundation;

/// <summary>The kind a <see cref="ProblemId"/> member is reported as; declared beside the member so the list stays one list.</summary>
[AttributeUsage(AttributeTargets.Field, AllowMultiple = false)]
public sealed class ProblemAttribute : Attribute
{
    /// <summary>Marks a problem id with its kind.</summary>
    public ProblemAttribute(ProblemKind kind) => Kind = kind;

    /// <summary>The kind the problem is reported as.</summary>
    public ProblemKind Kind { get; }
}
