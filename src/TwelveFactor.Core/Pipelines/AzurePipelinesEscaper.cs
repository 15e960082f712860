using System.Text;

namespace TwelveFactor.Core.Pipelines;

/// <summary>
/// Escapes text for an Azure Pipelines logging command (<c>##vso[area.action k=v;k=v]message</c>) exactly as the
/// agent decodes it: <c>%</c> first (to <c>%AZP25</c>, which the agent decodes last), then <c>;</c>, CR, LF and <c>]</c>.
/// </summary>
public static class AzurePipelinesEscaper
{
    public static string Escape(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        foreach (char c in text)
        {
            _ = c switch
            {
                '%' => builder.Append("%AZP25"),
                ';' => builder.Append("%3B"),
                '\r' => builder.Append("%0D"),
                '\n' => builder.Append("%0A"),
                ']' => builder.Append("%5D"),
                _ => builder.Append(c),
            };
        }

        return builder.ToString();
    }

    /// <summary>Neutralises logging commands in untrusted text, as the agent does for its own children.</summary>
    public static string Neutralise(string line) => line.Replace("##vso", "**vso", System.StringComparison.OrdinalIgnoreCase);
}
