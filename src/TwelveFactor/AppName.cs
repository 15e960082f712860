using System.IO;
using TwelveFactor.Core;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor;

/// <summary>Which app the release, admin-task and parity cmdlets mean: -App, else $env:TF_APP, else the folder's name.</summary>
internal static class AppName
{
    public static string Resolve(string? app, string folder) =>
        !string.IsNullOrEmpty(app) ? app
        : ModuleSettings.Read(ModuleSettings.AppVariable) is { Length: > 0 } fromEnvironment ? fromEnvironment
        : new DirectoryInfo(folder).Name;
}
