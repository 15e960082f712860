namespace TwelveFactor.Core.Processes;

/// <summary>What happens when one process of a formation exits while the others run.</summary>
public enum RestartPolicy
{
    /// <summary>foreman's rule: the whole formation stops gracefully.</summary>
    Never,

    /// <summary>A process that exits with a non-zero code is started again, with backoff; one that exits 0 stays stopped.</summary>
    OnFailure,

    /// <summary>A process that exits is started again, with backoff, whatever its code.</summary>
    Always,
}
