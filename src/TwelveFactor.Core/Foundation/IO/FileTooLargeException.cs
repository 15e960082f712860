using System.Globalization;
using System.IO;
using TwelveFactor.Core.Resources;

namespace TwelveFactor.Core.Foundation.IO;

/// <summary>A file TwelveFactor writes is larger than any it writes of its kind (<see cref="RegularFile.ReadAllBytes"/>).</summary>
public sealed class FileTooLargeException : IOException
{
    internal FileTooLargeException(string path, long length, long maxBytes)
        : base(string.Format(CultureInfo.CurrentCulture, CoreStrings.FileTooLarge, path, length, maxBytes))
    {
        FilePath = path;
    }

    /// <summary>The path of the file.</summary>
    public string FilePath { get; }
}
