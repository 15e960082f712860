using System;
using System.Globalization;
using System.Management.Automation;

namespace TwelveFactor;

/// <summary>
/// Lets a time limit be given in seconds, as Invoke-WebRequest -TimeoutSec and Start-Sleep take it: <c>-Timeout 600</c>
/// is ten minutes, never 600 ticks (what PowerShell's own conversion of a number to a TimeSpan gives). A TimeSpan or
/// a TimeSpan string (<c>00:10:00</c>) is taken as it is. A bare number under one second is refused: it is almost
/// always a unit mistake (milliseconds meant as seconds), and a task given no time cannot run.
/// </summary>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Field)]
public sealed class SecondsAttribute : ArgumentTransformationAttribute
{
    /// <inheritdoc />
    public override object? Transform(EngineIntrinsics engineIntrinsics, object? inputData)
    {
        object? value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
        switch (value)
        {
            case null:
            case TimeSpan:
                return value;
            case int or long or short or byte or uint or ulong or ushort or sbyte or double or float or decimal:
                return FromSeconds(Convert.ToDouble(value, CultureInfo.InvariantCulture));
            case string text when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double seconds):
                return FromSeconds(seconds);
            case string text when TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out TimeSpan span):
                return span;
            default:
                return inputData;
        }
    }

    private static TimeSpan FromSeconds(double seconds)
    {
        if (double.IsNaN(seconds) || seconds < 1)
        {
            throw new ArgumentTransformationMetadataException(
                string.Format(CultureInfo.CurrentCulture, Resources.Strings.SecondsTooSmall, seconds));
        }

        return TimeSpan.FromSeconds(seconds);
    }
}
