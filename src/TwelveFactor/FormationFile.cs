namespace TwelveFactor;

/// <summary>A file Export-TfFormation wrote.</summary>
public sealed class FormationFile
{
    internal FormationFile(FormationExportFormat format, string kind, bool ownerOnly, string path)
    {
        Format = format;
        Kind = kind;
        OwnerOnly = ownerOnly;
        Path = path;
    }

    /// <summary>Systemd, Compose or Kubernetes.</summary>
    public FormationExportFormat Format { get; }

    /// <summary>target, service, env-file, compose, manifests or secret.</summary>
    public string Kind { get; }

    /// <summary>It holds secrets and was written with mode 0600.</summary>
    public bool OwnerOnly { get; }

    /// <summary>Where it was written.</summary>
    public string Path { get; }
}
