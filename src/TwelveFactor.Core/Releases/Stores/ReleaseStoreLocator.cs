using System;
using System.Globalization;
using System.IO;
using Azure.Storage;
using Azure.Storage.Blobs;
using TwelveFactor.Core.Releases;
using TwelveFactor.Core.Resources;

using TwelveFactor.Core.Foundation;
namespace TwelveFactor.Core.Releases.Stores;

/// <summary>
/// Turns the release store setting (<c>TF_RELEASE_STORE</c>, or a <c>-Store</c> parameter) into a store. A
/// plain path or <c>file://</c> URL is a local store; nothing set means <see cref="LocalReleaseStore.DefaultRoot"/>;
/// <c>azureblob://container/prefix</c> or <c>https://account.blob.core.windows.net/container/prefix</c> is an Azure
/// Blob Storage container.
/// </summary>
public static class ReleaseStoreLocator
{
    /// <summary>The store named by <see cref="ModuleSettings.ReleaseStoreVariable"/>, or the local default.</summary>
    public static IReleaseStore FromEnvironment(bool createIfMissing = true) =>
        FromSetting(ModuleSettings.Read(ModuleSettings.ReleaseStoreVariable), createIfMissing);

    /// <summary>
    /// True when a setting names a folder (no URL scheme): a relative one means relative to where the user is, which
    /// only the caller knows (PowerShell's location is not the process's current directory), so the caller resolves
    /// it before <see cref="FromSetting"/>.
    /// </summary>
    public static bool NamesFolder(string? setting) => !string.IsNullOrWhiteSpace(setting) && SchemeOf(setting.Trim()) is null;

    /// <summary>The store a setting names; the backend is chosen by the URL scheme.</summary>
    /// <param name="setting">A folder, file:// URL or Azure Blob URL; null or empty for the local default.</param>
    /// <param name="createIfMissing">Create the store when it does not exist. Reading commands pass false: a
    /// mistyped -Store must be an error (StoreNotFound), never a new empty store that lists no releases.</param>
    public static IReleaseStore FromSetting(string? setting, bool createIfMissing = true)
    {
        if (string.IsNullOrWhiteSpace(setting))
        {
            return new LocalReleaseStore(LocalReleaseStore.DefaultRoot, createIfMissing);
        }

        string value = setting.Trim();
        if (SchemeOf(value) is not { } scheme)
        {
            return new LocalReleaseStore(ExpandHome(value), createIfMissing);
        }

        switch (scheme.ToLowerInvariant())
        {
            case "file":
                return new LocalReleaseStore(new Uri(value).LocalPath, createIfMissing);
            case "azureblob":
                return FromAzureBlobUrl(value, createIfMissing);
            case "https" when IsAzureBlobHost(value):
            case "http" when IsAzureBlobHost(value):
                return FromHttpsUrl(value, createIfMissing);
            default:
                // Only the scheme is echoed: the rest of a URL may carry a key or SAS token.
                throw new ReleaseException(
                    ProblemId.StoreLocationInvalid,
                    string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.StoreSchemeUnsupported, scheme),
                    scheme);
        }
    }

    /// <summary>
    /// <c>azureblob://&lt;container&gt;[/&lt;prefix&gt;]</c>, authenticated by the connection string in
    /// <see cref="ModuleSettings.AzureStorageConnectionStringVariable"/> (the Azure SDK's usual variable).
    /// </summary>
    internal static IReleaseStore FromAzureBlobUrl(string value, bool createIfMissing = true)
    {
        string rest = value[(value.IndexOf("://", StringComparison.Ordinal) + 3)..].Trim('/');
        int slash = rest.IndexOf('/');
        string container = slash < 0 ? rest : rest[..slash];
        string prefix = slash < 0 ? string.Empty : rest[(slash + 1)..];
        string? connectionString = ModuleSettings.Read(ModuleSettings.AzureStorageConnectionStringVariable);
        if (container.Length == 0 || string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ReleaseException(
                ProblemId.StoreLocationInvalid,
                string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.StoreAzureCredentialsMissing, ModuleSettings.AzureStorageConnectionStringVariable, ModuleSettings.AzureStorageKeyVariable),
                "azureblob");
        }

        return ForAzureConnectionString(connectionString, container, prefix, createIfMissing);
    }

    /// <summary>An Azure Blob store in <paramref name="container"/> of the account a connection string names.</summary>
    internal static IReleaseStore ForAzureConnectionString(string connectionString, string container, string prefix, bool createIfMissing = true)
    {
        BlobContainerClient client;
        try
        {
            client = new BlobContainerClient(connectionString, container, ClientOptions());
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            // The connection string holds the account key: never let it into the message.
            throw new ReleaseException(ProblemId.StoreLocationInvalid, string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.StoreAzureCredentialsMissing, ModuleSettings.AzureStorageConnectionStringVariable, ModuleSettings.AzureStorageKeyVariable), "azureblob");
        }

        RefusePlainHttp(client.Uri, "azureblob://" + container);
        return new AzureBlobReleaseStore(client, prefix, "azureblob://" + container + (prefix.Length > 0 ? "/" + prefix : string.Empty), createIfMissing);
    }

    // The SDK's defaults (100 s per try, delays up to a minute) would hold a pipeline step for minutes before
    // saying that a store does not answer; one minute per request still moves a 4 MiB block over a slow link.
    private static BlobClientOptions ClientOptions()
    {
        var options = new BlobClientOptions();
        options.Retry.MaxRetries = 3;
        options.Retry.Mode = Azure.Core.RetryMode.Exponential;
        options.Retry.Delay = TimeSpan.FromMilliseconds(500);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(8);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(60);
        return options;
    }

    /// <summary>
    /// <c>https://&lt;account&gt;.blob.core.windows.net/&lt;container&gt;[/&lt;prefix&gt;][?&lt;SAS&gt;]</c>: a SAS token in the
    /// URL, else the account key in <see cref="ModuleSettings.AzureStorageKeyVariable"/>.
    /// </summary>
    private static IReleaseStore FromHttpsUrl(string value, bool createIfMissing)
    {
        var builder = new BlobUriBuilder(new Uri(value));
        string container = builder.BlobContainerName;
        string prefix = builder.BlobName ?? string.Empty;
        bool hasSas = builder.Sas is not null && !string.IsNullOrEmpty(builder.Sas.Signature);
        builder.BlobName = string.Empty;
        Uri containerUri = builder.ToUri();
        var display = new UriBuilder(containerUri) { Query = string.Empty }.Uri.GetLeftPart(UriPartial.Path).TrimEnd('/')
            + (prefix.Length > 0 ? "/" + prefix : string.Empty);
        RefusePlainHttp(containerUri, display);
        string? key = ModuleSettings.Read(ModuleSettings.AzureStorageKeyVariable);
        if (string.IsNullOrEmpty(container) || (!hasSas && string.IsNullOrWhiteSpace(key)))
        {
            throw new ReleaseException(
                ProblemId.StoreLocationInvalid,
                string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.StoreAzureCredentialsMissing, ModuleSettings.AzureStorageConnectionStringVariable, ModuleSettings.AzureStorageKeyVariable),
                display);
        }

        BlobContainerClient client = hasSas
            ? new BlobContainerClient(containerUri, ClientOptions())
            : new BlobContainerClient(containerUri, new StorageSharedKeyCredential(builder.AccountName, key), ClientOptions());
        return new AzureBlobReleaseStore(client, prefix, display, createIfMissing);
    }

    /// <summary>
    /// Plain HTTP only to this machine (Azurite): anywhere else a SAS signature or a shared-key signature would
    /// cross the network in the clear, readable by every proxy on the way.
    /// </summary>
    private static void RefusePlainHttp(Uri endpoint, string display)
    {
        if (endpoint.Scheme.Equals(Uri.UriSchemeHttp, StringComparison.OrdinalIgnoreCase) && !endpoint.IsLoopback)
        {
            throw new ReleaseException(
                ProblemId.StoreLocationInvalid,
                string.Format(CultureInfo.CurrentCulture, CoreReleaseStrings.StorePlainHttpRefused, endpoint.Host),
                display);
        }
    }

    private static bool IsAzureBlobHost(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out Uri? uri)
        && (uri.Host.Contains(".blob.", StringComparison.OrdinalIgnoreCase) || uri.IsLoopback);

    private static string ExpandHome(string path) =>
        path == "~" || path.StartsWith("~/", StringComparison.Ordinal) || path.StartsWith("~\\", StringComparison.Ordinal)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), path.Length > 2 ? path[2..] : string.Empty)
            : path;

    // The URL scheme before "://": a letter, then one or more letters, digits, '+', '.' or '-' (so a Windows drive,
    // "C:\", is a path, not a scheme); null when the setting does not start with one. By hand, not a regex: a
    // session's first release command built the regex's runner (1-2 ms) to read a folder path.
    internal static string? SchemeOf(string value)
    {
        static bool IsLetter(char c) => (uint)((c | 0x20) - 'a') <= 'z' - 'a';
        int end = value.IndexOf("://", StringComparison.Ordinal);
        if (end < 2 || !IsLetter(value[0]))
        {
            return null;
        }

        for (int i = 1; i < end; i++)
        {
            char c = value[i];
            if (!IsLetter(c) && (uint)(c - '0') > 9 && c is not ('+' or '.' or '-'))
            {
                return null;
            }
        }

        return value[..end];
    }
}
