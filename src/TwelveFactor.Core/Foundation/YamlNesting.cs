using System.IO;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace TwelveFactor.Core.Foundation;

/// <summary>
/// Measures how deep a YAML text nests its mappings and sequences, with the event parser, which keeps its own stack.
/// YamlDotNet's representation model (<c>YamlStream.Load</c>) builds nested nodes by recursion, so a file of a few
/// hundred thousand '[' overflows the stack and kills the process (pwsh included) before any catch can run: a
/// reader of files others write asks this first and reports a file nested too deep as an error.
/// </summary>
internal static class YamlNesting
{
    /// <summary>Where the text first nests deeper than <paramref name="maxNesting"/>; null when it never does.</summary>
    /// <exception cref="YamlException">The text is not YAML (as the representation model would have thrown).</exception>
    internal static Mark? FindTooDeep(TextReader reader, int maxNesting)
    {
        var parser = new Parser(reader);
        int depth = 0;
        while (parser.MoveNext())
        {
            if (parser.Current is MappingStart or SequenceStart)
            {
                if (++depth > maxNesting)
                {
                    return parser.Current.Start;
                }
            }
            else if (parser.Current is MappingEnd or SequenceEnd)
            {
                depth--;
            }
        }

        return null;
    }
}
