using System;

namespace TwelveFactor.Core.Releases;

/// <summary>Which release is published at a destination, as the store remembers it.</summary>
/// <param name="App">The app.</param>
/// <param name="Destination">The destination folder's full path.</param>
/// <param name="ReleaseId">The release its <c>current</c> points to.</param>
/// <param name="PublishedAt">When it was switched (UTC).</param>
/// <param name="PublishedBy">Who switched it.</param>
public sealed record PublishRecord(string App, string Destination, string ReleaseId, DateTimeOffset PublishedAt, string PublishedBy);
