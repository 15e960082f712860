using System;
using TwelveFactor.Core.Foundation;
using System.Globalization;

namespace TwelveFactor.Core.Config;

/// <summary>
/// An env file that cannot be read: bad syntax, a bad substitution, a failed <c>${VAR:?message}</c>, or bytes
/// that are not UTF-8 text. <see cref="Reason"/> may name a key but never contains a value's text, because
/// values may be secrets and exception messages end up in logs.
/// </summary>
public sealed class EnvFileSyntaxException : TwelveFactorException
{
    /// <summary>Creates the exception; the message is <c>{File}:{Line}:{Column}: {Reason}</c>.</summary>
    public EnvFileSyntaxException(string? file, int line, int column, string reason, Exception? innerException = null)
        : base(ProblemId.ConfigFileSyntax, file, FormatMessage(file, line, column, reason), innerException)
    {
        ArgumentNullException.ThrowIfNull(reason);
        File = file;
        Line = line;
        Column = column;
        Reason = reason;
    }

    /// <summary>The file's name as the caller gave it, or null when the text came from elsewhere.</summary>
    public string? File { get; }

    /// <summary>The 1-based line of the problem.</summary>
    public int Line { get; }

    /// <summary>The 1-based column (UTF-16 code units) of the problem.</summary>
    public int Column { get; }

    /// <summary>What is wrong, without the location and without any value's text.</summary>
    public string Reason { get; }

    private static string FormatMessage(string? file, int line, int column, string reason) =>
        file is null
            ? string.Format(CultureInfo.InvariantCulture, "{0}:{1}: {2}", line, column, reason)
            : string.Format(CultureInfo.InvariantCulture, "{0}:{1}:{2}: {3}", file, line, column, reason);
}
