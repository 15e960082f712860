namespace TwelveFactor.Core.Processes;

/// <summary>One file of an export, before it is written.</summary>
/// <param name="Name">Its file name inside the destination.</param>
/// <param name="Content">Its text.</param>
/// <param name="OwnerOnly">It holds secrets: written with mode 0600.</param>
/// <param name="Kind">What it is: target, service, env-file, compose, deployment, config-map, secret, service-manifest.</param>
public sealed record ExportedFile(string Name, string Content, bool OwnerOnly, string Kind);
