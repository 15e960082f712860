using System.Collections.Generic;

namespace TwelveFactor.Core.Releases;

/// <summary>What a repair of the store healed, and what it could not.</summary>
/// <param name="Healed">The release files (<c>v3:app.js</c>) whose stored content was stored again from the build.</param>
/// <param name="NotHealed">The release files whose content the build did not have.</param>
public sealed record RepairResult(IReadOnlyList<string> Healed, IReadOnlyList<string> NotHealed);
