namespace TwelveFactor.Core.BackingServices;

/// <summary>One host of a locator; replica-set URLs (<c>mongodb://a,b,c/db</c>) have several.</summary>
/// <param name="Host">The host name or IP address, without IPv6 brackets.</param>
/// <param name="Port">The port, written or the kind's default; null when neither exists (a named SQL Server instance).</param>
public sealed record BackingServiceEndpoint(string Host, int? Port);
