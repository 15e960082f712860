namespace TwelveFactor.Core.Tests.Releases;

/// <summary>A fact that is skipped, with the reason, when Azurite is not installed and CI is not set.</summary>
public sealed class AzuriteFactAttribute : FactAttribute
{
    public AzuriteFactAttribute()
    {
        if (AzuriteFixture.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
