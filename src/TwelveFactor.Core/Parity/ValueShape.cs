using System;
using System.Globalization;

namespace TwelveFactor.Core.Parity;

/// <summary>
/// What kind of value a config value is, for comparing across environments: empty, a boolean (and how it is
/// spelled), a number, or text. 1 and 0 are numbers unless the other environment spells the key as a boolean.
/// </summary>
internal readonly record struct ValueShape(ValueShapeKind Kind, string? Spelling, bool IsZeroOrOne)
{
    public static ValueShape Of(string value)
    {
        string text = value.Trim();
        if (text.Length == 0)
        {
            return new ValueShape(ValueShapeKind.Empty, null, false);
        }

        // Only words of two to five letters can be booleans; skip lower-casing everything else.
        string? family = text.Length is < 2 or > 5 ? null : text.ToLowerInvariant() switch
        {
            "true" or "false" => "true/false",
            "yes" or "no" => "yes/no",
            "on" or "off" => "on/off",
            _ => null,
        };
        if (family is not null)
        {
            return new ValueShape(ValueShapeKind.Boolean, Cased(family, text), false);
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long integer))
        {
            return new ValueShape(ValueShapeKind.Number, "1/0", integer is 0 or 1);
        }

        bool hasDigit = text.AsSpan().IndexOfAnyInRange('0', '9') >= 0;
        if (hasDigit && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            return new ValueShape(ValueShapeKind.Number, null, false);
        }

        return new ValueShape(ValueShapeKind.Text, null, false);
    }

    // The family as this value cases it: true/false, True/False, TRUE/FALSE, or mixed.
    private static string Cased(string family, string text)
    {
        if (text == text.ToLowerInvariant())
        {
            return family;
        }

        if (text == text.ToUpperInvariant())
        {
            return family.ToUpperInvariant();
        }

        bool capitalised = char.IsUpper(text[0]) && text[1..] == text[1..].ToLowerInvariant();
        if (capitalised)
        {
            string[] words = family.Split('/');
            return string.Join('/', Array.ConvertAll(words, w => char.ToUpperInvariant(w[0]) + w[1..]));
        }

        return family + " (mixed case)";
    }
}
