namespace TwelveFactor;

/// <summary>One runtime check of one factor by Test-TfDisposability.</summary>
public sealed class DisposabilityCheck
{
    internal DisposabilityCheck(string factor, bool passed, string figure, string detail)
    {
        Factor = factor;
        Passed = passed;
        Figure = figure;
        Detail = detail;
    }

    /// <summary>The factor: "VII Port binding", "IX Disposability", "XI Logs", "VI Processes".</summary>
    public string Factor { get; }

    /// <summary>Whether the app passed.</summary>
    public bool Passed { get; }

    /// <summary>What was measured.</summary>
    public string Figure { get; }

    /// <summary>What was seen, and what to change when it failed.</summary>
    public string Detail { get; }
}
