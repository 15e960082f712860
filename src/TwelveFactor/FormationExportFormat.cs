namespace TwelveFactor;

/// <summary>The engines Export-TfFormation writes for. Mirrors Core's enum (see <see cref="ConfigPrecedence"/>).</summary>
public enum FormationExportFormat
{
    /// <summary>systemd units: a target, a template per process type, an owner-only EnvironmentFile.</summary>
    Systemd = Core.Processes.FormationExportFormat.Systemd,

    /// <summary>A compose file with deploy.replicas, secrets in an owner-only env_file.</summary>
    Compose = Core.Processes.FormationExportFormat.Compose,

    /// <summary>Kubernetes Deployments, a ConfigMap, a Secret (owner-only file) and a Service for web.</summary>
    Kubernetes = Core.Processes.FormationExportFormat.Kubernetes,
}
