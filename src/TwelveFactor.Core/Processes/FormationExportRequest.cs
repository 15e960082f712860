using System;
using System.Collections.Generic;

namespace TwelveFactor.Core.Processes;

/// <summary>What to export: the app, its process types and counts, its config, where it runs.</summary>
public sealed record FormationExportRequest
{
    /// <summary>The app's name: the prefix of every unit, service and object.</summary>
    public required string App { get; init; }

    /// <summary>The process types and how many of each run.</summary>
    public required IReadOnlyList<(ProcessTypeDefinition Type, int Count)> Counts { get; init; }

    /// <summary>The config the processes get.</summary>
    public IReadOnlyList<ExportedConfigValue> Config { get; init; } = Array.Empty<ExportedConfigValue>();

    /// <summary>The folder the app runs from on the host (systemd's WorkingDirectory).</summary>
    public required string AppRoot { get; init; }

    /// <summary>The folder the files are written to (systemd's EnvironmentFile points into it).</summary>
    public required string Destination { get; init; }

    /// <summary>The image the processes run (compose, Kubernetes); null: compose builds from the app folder.</summary>
    public string? Image { get; init; }

    /// <summary>The first port: type t, instance i gets base + 100 t + i - 1, as foreman assigns them.</summary>
    public int BasePort { get; init; } = 5000;

    /// <summary>Time between the stop signal and the kill.</summary>
    public TimeSpan ShutdownGracePeriod { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>The user the systemd units run as; null: systemd's default.</summary>
    public string? User { get; init; }
}
