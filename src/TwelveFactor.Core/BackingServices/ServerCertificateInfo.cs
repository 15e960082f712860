using System;

namespace TwelveFactor.Core.BackingServices;

/// <summary>What a probe keeps of a server certificate.</summary>
internal sealed record ServerCertificateInfo(string Subject, DateTimeOffset NotAfter, int DaysToExpiry);
