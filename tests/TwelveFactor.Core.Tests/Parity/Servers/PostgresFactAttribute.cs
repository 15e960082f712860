namespace TwelveFactor.Core.Tests.Parity.Servers;

/// <summary>A test that needs Debian's PostgreSQL server binaries (initdb, postgres).</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        Skip = ServerBinaries.SkipReason(ServerBinaries.PostgresBinDirectory, "postgresql");
    }
}
