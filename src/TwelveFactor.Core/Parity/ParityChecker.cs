using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net;
using TwelveFactor.Core.Resources;

using TwelveFactor.Core.BackingServices;
namespace TwelveFactor.Core.Parity;

/// <summary>
/// Compares environments for dev/prod parity (factor X) and emits findings that name keys, environments,
/// kinds, hosts and images, never secret values. Each environment is indexed once; every check between two
/// environments is then a walk over one environment's keys with dictionary look-ups into the other, so the
/// work grows linearly with the number of keys (and with the number of pairs compared).
/// </summary>
public sealed class ParityChecker
{
    private readonly ParityOptions _options;

    /// <summary>A checker with the given settings, or the defaults.</summary>
    public ParityChecker(ParityOptions? options = null)
    {
        _options = options ?? new ParityOptions();
    }

    /// <summary>
    /// Compares <paramref name="reference"/> with each of <paramref name="differences"/> (<c>Test-TfParity
    /// -Reference prod -Difference dev,staging</c>). Throws <see cref="ParityEnvironmentNotFoundException"/> when
    /// a named environment has no config in <paramref name="input"/>.
    /// </summary>
    public IReadOnlyList<ParityFinding> CheckAgainstReference(ParityInput input, string reference, IReadOnlyList<string> differences)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(differences);
        List<string> others = differences.Where(d => !string.Equals(d, reference, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal).ToList();
        List<string> names = new[] { reference }.Concat(others).ToList();
        var pairs = others.Select(d => (reference, d)).ToList();
        return Run(input, names, pairs);
    }

    /// <summary>
    /// Compares every pair of <paramref name="environments"/> (<c>Test-TfParity -Environment dev,staging,prod</c>),
    /// or of all environments in the input when null.
    /// </summary>
    public IReadOnlyList<ParityFinding> CheckAllPairs(ParityInput input, IReadOnlyList<string>? environments = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        List<string> names = (environments ?? input.Environments.Select(e => e.Name).ToList()).Distinct(StringComparer.Ordinal).ToList();
        var pairs = new List<(string, string)>();
        for (int i = 0; i < names.Count; i++)
        {
            for (int j = i + 1; j < names.Count; j++)
            {
                pairs.Add((names[i], names[j]));
            }
        }

        return Run(input, names, pairs);
    }

    private List<ParityFinding> Run(ParityInput input, List<string> names, List<(string A, string B)> pairs)
    {
        var configs = new Dictionary<string, EnvironmentConfig>(StringComparer.Ordinal);
        foreach (EnvironmentConfig config in input.Environments)
        {
            configs[config.Name] = config;
        }

        // One fingerprinter, so one random key, per run: fingerprints compare within the run and mean nothing after it.
        var fingerprinter = new SecretFingerprinter();
        Dictionary<string, EnvironmentRelease> releases = EnvironmentIndex.NewestReleases(input.Releases);
        ILookup<string, ComposeServiceImage> images = input.Images.ToLookup(i => i.Environment, StringComparer.Ordinal);
        var indexes = new Dictionary<string, EnvironmentIndex>(StringComparer.Ordinal);
        foreach (string name in names)
        {
            if (!configs.TryGetValue(name, out EnvironmentConfig? config))
            {
                throw new ParityEnvironmentNotFoundException(name);
            }

            indexes[name] = new EnvironmentIndex(
                config, _options.LocalEnvironmentNames.Contains(name), fingerprinter, images[name], releases.GetValueOrDefault(name));
        }

        var findings = new List<ParityFinding>();
        bool anyRelease = releases.Count > 0;
        foreach (string name in names)
        {
            EnvironmentIndex env = indexes[name];
            CheckInvalidLocators(env, findings);
            CheckLocalhost(env, findings);
            if (anyRelease)
            {
                DescribeRelease(env, findings);
            }
        }

        foreach ((string a, string b) in pairs)
        {
            EnvironmentIndex left = indexes[a];
            EnvironmentIndex right = indexes[b];
            CheckMissingKeys(left, right, findings);
            CheckMissingKeys(right, left, findings);
            CheckBackingServiceKinds(left, right, findings);
            CheckValueTypes(left, right, findings);
            CheckSecretReuse(left, right, findings);
            CheckImages(left, right, findings);
            CheckReleaseGap(left, right, findings);
        }

        return findings;
    }

    private void CheckMissingKeys(EnvironmentIndex has, EnvironmentIndex lacks, List<ParityFinding> findings)
    {
        foreach (ParityConfigEntry entry in has.Entries.Values)
        {
            if (!lacks.Entries.ContainsKey(entry.Name) && !_options.EnvironmentSpecificKeys.Contains(entry.Name))
            {
                findings.Add(Finding(
                    ParityCheck.MissingKey,
                    lacks.IsLocal ? ParitySeverity.Warning : ParitySeverity.Error,
                    new[] { lacks.Name, has.Name },
                    entry.Name,
                    Format(ParityStrings.FindingMissingKey, entry.Name, has.Name, lacks.Name),
                    entry));
            }
        }
    }

    private static void CheckInvalidLocators(EnvironmentIndex env, List<ParityFinding> findings)
    {
        foreach ((ParityConfigEntry entry, string error) in env.InvalidLocators)
        {
            findings.Add(Finding(
                ParityCheck.InvalidLocator, ParitySeverity.Error, new[] { env.Name }, entry.Name,
                Format(ParityStrings.FindingInvalidLocator, error, env.Name), entry));
        }
    }

    private void CheckLocalhost(EnvironmentIndex env, List<ParityFinding> findings)
    {
        if (env.IsLocal)
        {
            return;
        }

        foreach (ParityConfigEntry entry in env.Entries.Values)
        {
            if (_options.LocalhostAllowedKeys.Contains(entry.Name))
            {
                continue;
            }

            string? host = null;
            if (env.Locators.TryGetValue(entry.Name, out BackingServiceLocator? locator))
            {
                host = locator.Endpoints.Select(e => e.Host).FirstOrDefault(IsLoopback);
            }
            else if (!env.Secrets.Contains(entry.Name))
            {
                host = LoopbackHostOf(entry.Value);
            }

            if (host is not null)
            {
                findings.Add(Finding(
                    ParityCheck.LocalhostInNonLocal, ParitySeverity.Error, new[] { env.Name }, entry.Name,
                    Format(ParityStrings.FindingLocalhost, entry.Name, host, env.Name), entry));
            }
        }
    }

    private static void CheckBackingServiceKinds(EnvironmentIndex left, EnvironmentIndex right, List<ParityFinding> findings)
    {
        foreach ((string key, BackingServiceLocator l) in left.Locators)
        {
            if (right.Locators.TryGetValue(key, out BackingServiceLocator? r))
            {
                if (l.Kind != r.Kind)
                {
                    findings.Add(Finding(
                        ParityCheck.BackingServiceKind, ParitySeverity.Error, new[] { left.Name, right.Name }, key,
                        Format(ParityStrings.FindingKindDiffers, key, l.Kind, left.Name, r.Kind, right.Name), right.Entries[key]));
                }
            }
            else if (right.Entries.TryGetValue(key, out ParityConfigEntry? plain) && plain.Value.Trim().Length > 0
                && !IsInvalidLocator(right, key))
            {
                findings.Add(Finding(
                    ParityCheck.BackingServiceKind, ParitySeverity.Warning, new[] { left.Name, right.Name }, key,
                    Format(ParityStrings.FindingLocatorOnlyInOne, key, l.Kind, left.Name, right.Name), plain));
            }
        }

        foreach ((string key, BackingServiceLocator r) in right.Locators)
        {
            if (!left.Locators.ContainsKey(key) && left.Entries.TryGetValue(key, out ParityConfigEntry? plain)
                && plain.Value.Trim().Length > 0 && !IsInvalidLocator(left, key))
            {
                findings.Add(Finding(
                    ParityCheck.BackingServiceKind, ParitySeverity.Warning, new[] { right.Name, left.Name }, key,
                    Format(ParityStrings.FindingLocatorOnlyInOne, key, r.Kind, right.Name, left.Name), plain));
            }
        }
    }

    private static bool IsInvalidLocator(EnvironmentIndex env, string key) => env.InvalidLocatorKeys.Contains(key);

    private static void CheckValueTypes(EnvironmentIndex left, EnvironmentIndex right, List<ParityFinding> findings)
    {
        // Secrets have no shape: even "a number here, text there" says something about a secret.
        foreach ((string key, ValueShape l) in left.Shapes)
        {
            if (!right.Shapes.TryGetValue(key, out ValueShape r) || l == r)
            {
                continue;
            }

            string? message = null;
            bool booleanish = (l.Kind == ValueShapeKind.Boolean && (r.Kind == ValueShapeKind.Boolean || r.IsZeroOrOne))
                || (r.Kind == ValueShapeKind.Boolean && l.IsZeroOrOne);
            if (booleanish)
            {
                if (l.Spelling != r.Spelling)
                {
                    message = Format(ParityStrings.FindingBooleanSpelling, key, l.Spelling!, left.Name, r.Spelling!, right.Name);
                }
            }
            else if (l.Kind != r.Kind)
            {
                message = Format(ParityStrings.FindingTypeDiffers, key, Describe(l.Kind), left.Name, Describe(r.Kind), right.Name);
            }

            if (message is not null)
            {
                findings.Add(Finding(ParityCheck.ValueType, ParitySeverity.Warning, new[] { left.Name, right.Name }, key, message, right.Entries[key]));
            }
        }
    }

    private static void CheckSecretReuse(EnvironmentIndex left, EnvironmentIndex right, List<ParityFinding> findings)
    {
        foreach ((string fingerprint, List<ParityConfigEntry> leftEntries) in left.SecretsByFingerprint)
        {
            if (right.SecretsByFingerprint.TryGetValue(fingerprint, out List<ParityConfigEntry>? rightEntries))
            {
                string leftKeys = string.Join(", ", leftEntries.Select(e => e.Name));
                string rightKeys = string.Join(", ", rightEntries.Select(e => e.Name));
                findings.Add(Finding(
                    ParityCheck.SecretReuse, ParitySeverity.Error, new[] { left.Name, right.Name }, rightEntries[0].Name,
                    Format(ParityStrings.FindingSecretReuse, leftKeys, left.Name, rightKeys, right.Name), rightEntries[0]));
            }
        }
    }

    private static void CheckImages(EnvironmentIndex left, EnvironmentIndex right, List<ParityFinding> findings)
    {
        foreach ((string service, ComposeServiceImage l) in left.Images)
        {
            if (!right.Images.TryGetValue(service, out ComposeServiceImage? r))
            {
                findings.Add(ImageFinding(ParitySeverity.Information, left, right, service, l,
                    Format(ParityStrings.FindingServiceOnlyInOne, service, left.Name, right.Name)));
                continue;
            }

            if (l.Image is null && r.Image is null)
            {
                continue;
            }

            if (l.Image is null || r.Image is null)
            {
                ComposeServiceImage withImage = l.Image is null ? r : l;
                string builds = l.Image is null ? left.Name : right.Name;
                findings.Add(ImageFinding(ParitySeverity.Warning, left, right, service, r,
                    Format(ParityStrings.FindingImageVersusBuild, service, withImage.Image!, withImage.Environment, builds)));
                continue;
            }

            bool same = string.Equals(l.ImageName, r.ImageName, StringComparison.Ordinal)
                && string.Equals(EffectiveTag(l), EffectiveTag(r), StringComparison.Ordinal)
                && string.Equals(l.Digest, r.Digest, StringComparison.Ordinal);
            if (!same)
            {
                findings.Add(ImageFinding(ParitySeverity.Warning, left, right, service, r,
                    Format(ParityStrings.FindingImageDiffers, service, l.Image, left.Name, r.Image, right.Name)));
            }
        }

        foreach ((string service, ComposeServiceImage r) in right.Images)
        {
            if (!left.Images.ContainsKey(service))
            {
                findings.Add(ImageFinding(ParitySeverity.Information, right, left, service, r,
                    Format(ParityStrings.FindingServiceOnlyInOne, service, right.Name, left.Name)));
            }
        }
    }

    // Docker pulls "latest" for a reference with neither tag nor digest.
    private static string? EffectiveTag(ComposeServiceImage image) => image.Tag ?? (image.Digest is null ? "latest" : null);

    private static ParityFinding ImageFinding(
        ParitySeverity severity, EnvironmentIndex left, EnvironmentIndex right, string service, ComposeServiceImage source, string message) =>
        new(ParityCheck.ImageVersion, severity, new[] { left.Name, right.Name }, service, message, source.SourceFile, source.SourceLine);

    private void DescribeRelease(EnvironmentIndex env, List<ParityFinding> findings)
    {
        if (env.Release is null)
        {
            findings.Add(new ParityFinding(
                ParityCheck.ReleaseDrift, ParitySeverity.Information, new[] { env.Name }, null,
                Format(ParityStrings.FindingNoRelease, env.Name), null, 0));
            return;
        }

        TimeSpan age = _options.TimeProvider.GetUtcNow() - env.Release.CreatedAt;
        findings.Add(new ParityFinding(
            ParityCheck.ReleaseDrift, ParitySeverity.Information, new[] { env.Name }, null,
            Format(ParityStrings.FindingRelease, env.Name, env.Release.ReleaseId, Timestamp(env.Release.CreatedAt), Days(age)), null, 0));
    }

    private void CheckReleaseGap(EnvironmentIndex left, EnvironmentIndex right, List<ParityFinding> findings)
    {
        if (left.Release is null || right.Release is null)
        {
            return;
        }

        string[] environments = { left.Name, right.Name };
        if (string.Equals(left.Release.ReleaseId, right.Release.ReleaseId, StringComparison.Ordinal))
        {
            findings.Add(new ParityFinding(
                ParityCheck.ReleaseDrift, ParitySeverity.Information, environments, null,
                Format(ParityStrings.FindingSameRelease, left.Name, right.Name, left.Release.ReleaseId), null, 0));
            return;
        }

        TimeSpan gap = (left.Release.CreatedAt - right.Release.CreatedAt).Duration();
        bool tooFar = gap > _options.ReleaseDriftThreshold;
        string message = Format(
            tooFar ? ParityStrings.FindingReleaseGapTooLarge : ParityStrings.FindingReleaseGap,
            left.Name, left.Release.ReleaseId, right.Name, right.Release.ReleaseId, Days(gap), Days(_options.ReleaseDriftThreshold));
        findings.Add(new ParityFinding(
            ParityCheck.ReleaseDrift, tooFar ? ParitySeverity.Warning : ParitySeverity.Information, environments, null, message, null, 0));
    }

    private static bool IsLoopback(string host)
    {
        string h = host.TrimEnd('.');
        if (h.Equals("localhost", StringComparison.OrdinalIgnoreCase) || h.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // 0.0.0.0 is not counted: HOST=0.0.0.0 is how a deployed app binds its port (factor VII).
        return IPAddress.TryParse(h, out IPAddress? address) && IPAddress.IsLoopback(address);
    }

    // A plain value that is a loopback host, with or without a port: localhost, 127.0.0.1:6379, [::1]:5432, ::1.
    private static string? LoopbackHostOf(string value)
    {
        string text = value.Trim();
        if (text.Length == 0 || text.Length > 64)
        {
            return null;
        }

        string host = text;
        if (text.StartsWith('['))
        {
            int close = text.IndexOf(']');
            host = close > 0 ? text[1..close] : text;
        }
        else if (text.Count(c => c == ':') == 1)
        {
            host = text[..text.IndexOf(':')];
        }

        return IsLoopback(host) ? host : null;
    }

    private static string Describe(ValueShapeKind kind) => kind switch
    {
        ValueShapeKind.Empty => ParityStrings.ValueShapeEmpty,
        ValueShapeKind.Boolean => ParityStrings.ValueShapeBoolean,
        ValueShapeKind.Number => ParityStrings.ValueShapeNumber,
        _ => ParityStrings.ValueShapeText,
    };

    private static ParityFinding Finding(
        ParityCheck check, ParitySeverity severity, string[] environments, string key, string message, ParityConfigEntry source) =>
        new(check, severity, environments, key, message, source.SourceFile, source.SourceFile is null ? 0 : source.SourceLine);

    private static string Timestamp(DateTimeOffset value) => value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Days(TimeSpan span) => span.TotalDays.ToString("0.#", CultureInfo.CurrentCulture);

    private static string Format(string format, params object[] args) => string.Format(CultureInfo.CurrentCulture, format, args);
}
