using System;
using System.Text;

namespace TwelveFactor.Core.ContinuousIntegration;

/// <summary>
/// Escapes text for an Azure Pipelines logging command (<c>##vso[area.action k=v;k=v]message</c>) the way the
/// agent's own parser undoes it: <c>%</c> first (as <c>%AZP25</c>, because the agent decodes it last and does
/// not treat <c>%25</c> as an escape), then <c>;</c>, CR, LF and <c>]</c>. Used for property values and the
/// message alike, so a value can neither end the command early nor add properties or lines.
/// </summary>
public static class AzurePipelinesEscaper
{
    /// <summary>The text escaped for a logging command's property value or message.</summary>
    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.AsSpan().IndexOfAny("%;\r\n]") < 0)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 16);
        foreach (char c in value)
        {
            switch (c)
            {
                case '%': builder.Append("%AZP25"); break;
                case ';': builder.Append("%3B"); break;
                case '\r': builder.Append("%0D"); break;
                case '\n': builder.Append("%0A"); break;
                case ']': builder.Append("%5D"); break;
                default: builder.Append(c); break;
            }
        }

        return builder.ToString();
    }
}
