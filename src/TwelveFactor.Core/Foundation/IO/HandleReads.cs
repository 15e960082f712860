using System;
using System.IO;
using Microsoft.Win32.SafeHandles;

namespace TwelveFactor.Core.Foundation.IO;

/// <summary>Positioned reads from an open file that a short read does not cut short.</summary>
internal static class HandleReads
{
    /// <summary>
    /// Reads from <paramref name="offset"/> until <paramref name="buffer"/> is full or the file ends; returns how many
    /// bytes were read (fewer than asked only at the end of the file).
    /// </summary>
    internal static int Fill(SafeFileHandle file, Span<byte> buffer, long offset)
    {
        int filled = 0;
        while (filled < buffer.Length)
        {
            int read = RandomAccess.Read(file, buffer[filled..], offset + filled);
            if (read == 0)
            {
                break;
            }

            filled += read;
        }

        return filled;
    }

    /// <summary>True when the file has no byte at <paramref name="offset"/> (it has not grown past it).</summary>
    internal static bool EndsAt(SafeFileHandle file, long offset)
    {
        Span<byte> probe = stackalloc byte[1];
        return RandomAccess.Read(file, probe, offset) == 0;
    }
}
