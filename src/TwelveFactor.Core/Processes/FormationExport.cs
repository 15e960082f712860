using System.Collections.Generic;
using TwelveFactor.Core.Config;

namespace TwelveFactor.Core.Processes;

/// <summary>An export: its files, and the keys that could not be carried (with why).</summary>
/// <param name="Files">The files to write.</param>
/// <param name="Skipped">Keys left out.</param>
public sealed record FormationExport(IReadOnlyList<ExportedFile> Files, IReadOnlyList<ConfigExportSkip> Skipped);
