namespace TwelveFactor.Core.Processes;

/// <summary>The engines a formation is exported to.</summary>
public enum FormationExportFormat
{
    /// <summary>systemd: a target, one template unit per process type, an owner-only EnvironmentFile.</summary>
    Systemd,

    /// <summary>A compose file: a service per process type with deploy.replicas; secrets in an owner-only env_file.</summary>
    Compose,

    /// <summary>Kubernetes: a Deployment per process type, a ConfigMap, a Secret (owner-only file) and a Service for web.</summary>
    Kubernetes,
}
