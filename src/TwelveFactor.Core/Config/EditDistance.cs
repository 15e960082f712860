using System;

namespace TwelveFactor.Core.Config;

/// <summary>Levenshtein distance, to suggest the environment or key a user most likely meant ("prodution" -> "production").</summary>
public static class EditDistance
{
    /// <summary>The number of single-character insertions, deletions and substitutions that turn one into the other.</summary>
    public static int Between(string first, string second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        int[] previous = new int[second.Length + 1];
        int[] current = new int[second.Length + 1];
        for (int j = 0; j <= second.Length; j++)
        {
            previous[j] = j;
        }

        for (int i = 1; i <= first.Length; i++)
        {
            current[0] = i;
            for (int j = 1; j <= second.Length; j++)
            {
                int cost = first[i - 1] == second[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[second.Length];
    }
}
