using System.Security;
using TwelveFactor.Core.Config;

namespace TwelveFactor;

/// <summary>Turns Core's resolved values into the objects users see, masking secrets unless plain text is asked for.</summary>
internal static class ConfigEntryFactory
{
    /// <param name="shellByDefault">The resolution let the process environment win without being asked to, so an
    /// entry whose value came from there carries the operator's shell, not the environment's config.</param>
    public static ConfigEntry Create(ConfigValue value, string? environment, bool asPlainText, bool shellByDefault = false)
    {
        string shown = value.Shown(asPlainText, out bool isSecret);
        return new(value, shown, isSecret, environment)
        {
            FromShellByDefault = shellByDefault && value.IsFromProcessEnvironment,
            MarkedSecret = value.IsMarkedSecret,
        };
    }

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
