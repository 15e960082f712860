using System;
using System.Collections.Generic;
using System.Linq;
using TwelveFactor.Core.Config;

using TwelveFactor.Core.BackingServices;
using TwelveFactor.Core.Foundation.Secrets;
namespace TwelveFactor.Core.Parity;

/// <summary>
/// One environment prepared for comparison in a single pass over its entries: entries by key, parsed
/// locators, value shapes, secret fingerprints, images by service and the newest release. Every pairwise check
/// is then dictionary look-ups, so a comparison costs time linear in the number of keys.
/// </summary>
internal sealed class EnvironmentIndex
{
    public EnvironmentIndex(
        EnvironmentConfig config,
        bool isLocal,
        SecretFingerprinter fingerprinter,
        IEnumerable<ComposeServiceImage> images,
        EnvironmentRelease? release)
    {
        Name = config.Name;
        IsLocal = isLocal;
        Release = release;
        foreach (ParityConfigEntry entry in config.Entries)
        {
            Entries[entry.Name] = entry; // the last definition wins, as in env files
        }

        foreach (ParityConfigEntry entry in Entries.Values)
        {
            bool secret = entry.IsSecret || SecretClassifier.IsSecret(entry.Name, entry.Value, false);
            if (secret)
            {
                Secrets.Add(entry.Name);
            }
            else
            {
                Shapes[entry.Name] = ValueShape.Of(entry.Value);
            }

            BackingServiceLocator? locator = null;
            if (BackingServiceParser.TryParse(entry.Name, entry.Value, out locator, out string? error))
            {
                Locators[entry.Name] = locator;
            }
            else if (error is not null)
            {
                InvalidLocators.Add((entry, error));
                InvalidLocatorKeys.Add(entry.Name);
            }

            string? fingerprint = fingerprinter.Fingerprint(entry, locator);
            if (fingerprint is not null)
            {
                if (!SecretsByFingerprint.TryGetValue(fingerprint, out List<ParityConfigEntry>? keys))
                {
                    keys = new List<ParityConfigEntry>(1);
                    SecretsByFingerprint[fingerprint] = keys;
                }

                keys.Add(entry);
            }
        }

        foreach (ComposeServiceImage image in images)
        {
            Images[image.Service] = image;
        }
    }

    public string Name { get; }

    public bool IsLocal { get; }

    public Dictionary<string, ParityConfigEntry> Entries { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Secrets { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ValueShape> Shapes { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, BackingServiceLocator> Locators { get; } = new(StringComparer.Ordinal);

    public List<(ParityConfigEntry Entry, string Error)> InvalidLocators { get; } = new();

    public HashSet<string> InvalidLocatorKeys { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, List<ParityConfigEntry>> SecretsByFingerprint { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, ComposeServiceImage> Images { get; } = new(StringComparer.Ordinal);

    public EnvironmentRelease? Release { get; }

    /// <summary>The newest release of each environment.</summary>
    public static Dictionary<string, EnvironmentRelease> NewestReleases(IEnumerable<EnvironmentRelease> releases) =>
        releases.GroupBy(r => r.Environment, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.MaxBy(r => r.CreatedAt)!, StringComparer.Ordinal);
}
