using System;
using System.Globalization;
using System.IO;
using System.Text.RegularExpressions;
using TwelveFactor.Core.Releases;
using TwelveFactor.Core.Resources;

namespace TwelveFactor.Core.Storage;

/// <summary>
/// Turns the release store setting (<c>TF_RELEASE_STORE</c>, or a <c>-Store</c> parameter) into a store. A
/// plain path or <c>file://</c> URL is a local store; nothing set means <see cref="LocalReleaseStore.DefaultRoot"/>.
/// </summary>
public static partial class ReleaseStoreLocator
{
    /// <summary>The store named by <see cref="ModuleSettings.ReleaseStoreVariable"/>, or the local default.</summary>
    public static IReleaseStore FromEnvironment() =>
        FromSetting(Environment.GetEnvironmentVariable(ModuleSettings.ReleaseStoreVariable));

    /// <summary>The store a setting names; the backend is chosen by the URL scheme.</summary>
    public static IReleaseStore FromSetting(string? setting)
    {
        if (string.IsNullOrWhiteSpace(setting))
        {
            return new LocalReleaseStore(LocalReleaseStore.DefaultRoot);
        }

        string value = setting.Trim();
        Match scheme = SchemePattern().Match(value);
        if (!scheme.Success)
        {
            return new LocalReleaseStore(ExpandHome(value));
        }

        switch (scheme.Groups[1].Value.ToLowerInvariant())
        {
            case "file":
                return new LocalReleaseStore(new Uri(value).LocalPath);
            case "azureblob":
            case "https" when IsAzureBlobHost(value):
            case "http" when IsAzureBlobHost(value):
                throw new ReleaseException(ReleaseErrorKind.StoreLocationInvalid, CoreReleaseStrings.StoreAzureUnsupported, scheme.Groups[1].Value);
            default:
                // Only the scheme is echoed: the rest of a URL may carry a key or SAS token.
                throw new ReleaseException(
                    ReleaseErrorKind.StoreLocationInvalid,
                    string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.StoreSchemeUnsupported, scheme.Groups[1].Value),
                    scheme.Groups[1].Value);
        }
    }

    private static bool IsAzureBlobHost(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out Uri? uri)
        && (uri.Host.Contains(".blob.", StringComparison.OrdinalIgnoreCase) || uri.IsLoopback);

    private static string ExpandHome(string path) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal) || path.StartsWith("~\\", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.Length > 2 ? path[2..] : string.Empty)
            : path;

    // Two or more letters before "://", so a Windows drive ("C:\") is a path, not a scheme.
    [GeneratedRegex("^([A-Za-z][A-Za-z0-9+.-]+)://", RegexOptions.CultureInvariant)]
    private static partial Regex SchemePattern();
}
