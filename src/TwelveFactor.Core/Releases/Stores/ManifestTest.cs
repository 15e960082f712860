using System;

namespace TwelveFactor.Core.Releases.Stores;

/// <summary>A question answered from a manifest's bytes, which are lent for the call only (see <see cref="IReleaseStore.TestManifestAsync"/>).</summary>
public delegate bool ManifestTest(ReadOnlySpan<byte> manifest);
