namespace TwelveFactor;

/// <summary>What Start-TfFormation does when one process exits. Mirrors Core's enum (see <see cref="ConfigPrecedence"/>).</summary>
public enum RestartPolicy
{
    /// <summary>Every other process is stopped gracefully, as foreman does. The default.</summary>
    Never = Core.Processes.RestartPolicy.Never,

    /// <summary>A process that exits non-zero starts again, with backoff, while the others run.</summary>
    OnFailure = Core.Processes.RestartPolicy.OnFailure,

    /// <summary>A process that exits starts again, with backoff, whatever its code.</summary>
    Always = Core.Processes.RestartPolicy.Always,
}
