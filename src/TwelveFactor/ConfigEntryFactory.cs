using System.Linq;
using System.Security;
using TwelveFactor.Core.Config;

namespace TwelveFactor;

/// <summary>Turns Core's resolved values into the objects users see, masking secrets unless plain text is asked for.</summary>
internal static class ConfigEntryFactory
{
    public static ConfigEntry Create(ConfigValue value, string? environment, bool asPlainText) =>
        new(
            value.Name,
            asPlainText ? value.Value : value.DisplayValue,
            value.IsSecret,
            environment,
            value.Source.ToString(),
            value.Overrides.Select(o => o.ToString()).ToArray(),
            value.Value);

    /// <summary>A read-only SecureString of <paramref name="value"/>; a value beyond SecureString's 65,536 characters is an error that says so.</summary>
    public static SecureString ToSecureString(string value)
    {
        const int SecureStringLimit = 65536;
        if (value.Length > SecureStringLimit)
        {
            throw new System.ArgumentOutOfRangeException(
                nameof(value),
                string.Format(System.Globalization.CultureInfo.CurrentCulture, Resources.Strings.SecureStringTooLong, value.Length, SecureStringLimit));
        }

        var secure = new SecureString();
        foreach (char c in value)
        {
            secure.AppendChar(c);
        }

        secure.MakeReadOnly();
        return secure;
    }

    public static string ToPlainText(SecureString secure) => new System.Net.NetworkCredential(string.Empty, secure).Password;
}
