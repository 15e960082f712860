using System.Management.Automation;

namespace TwelveFactor.Commands;

/// <summary>Where the Procfile cmdlets look: -Path when given (resolved through the provider), else the folder's Procfile.</summary>
internal static class ProcfileLocation
{
    /// <summary>The Procfile's file-system path.</summary>
    public static string Resolve(PSCmdlet cmdlet, string? path, string folder) =>
        path is null ? System.IO.Path.Combine(folder, "Procfile") : cmdlet.GetUnresolvedProviderPathFromPSPath(path);
}
