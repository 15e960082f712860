namespace TwelveFactor.Core.Tests.Parity.Servers;

/// <summary>A test that needs Debian's redis-server.</summary>
public sealed class RedisFactAttribute : FactAttribute
{
    public RedisFactAttribute()
    {
        Skip = ServerBinaries.SkipReason(ServerBinaries.RedisServer, "redis-server");
    }
}
