namespace TwelveFactor;

/// <summary>One file or config key that differs between two releases (Compare-TfRelease). Secret values show only the mask.</summary>
public sealed class ReleaseDifference
{
    internal ReleaseDifference(string app, string referenceId, string differenceId, string category, string name, string change, string? reference, string? difference, bool isSecret)
    {
        App = app;
        ReferenceId = referenceId;
        DifferenceId = differenceId;
        Category = category;
        Name = name;
        Change = change;
        Reference = reference;
        Difference = difference;
        IsSecret = isSecret;
    }

    public string App { get; }

    /// <summary>The release compared from.</summary>
    public string ReferenceId { get; }

    /// <summary>The release compared to.</summary>
    public string DifferenceId { get; }

    /// <summary>File or Config.</summary>
    public string Category { get; }

    /// <summary>The file's path in the build, or the config key.</summary>
    public string Name { get; }

    /// <summary>Added, Removed or Changed.</summary>
    public string Change { get; }

    /// <summary>The reference side: a file's short digest, size and mode; a config value (the mask for a secret); null when added.</summary>
    public string? Reference { get; }

    /// <summary>The difference side, shown like Reference; null when removed.</summary>
    public string? Difference { get; }

    /// <summary>True for a config key that is secret on either side: its values were compared by salted hash.</summary>
    public bool IsSecret { get; }

    public override string ToString() => $"{Change} {Category} {Name}";
}
