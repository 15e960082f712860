using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;

namespace TwelveFactor.Core.Supervision;

/// <summary>
/// Reads /proc to see which processes are alive in a group or below a process. Zombies count as gone: they
/// have exited, and when nobody reaps them (a container whose PID 1 does not) they would otherwise look alive.
/// </summary>
internal static class LinuxProcessTable
{
    internal readonly record struct Entry(int Pid, int ParentPid, int GroupId, char State);

    public static bool IsAvailable => OperatingSystem.IsLinux() && Directory.Exists("/proc/self");

    public static List<Entry> Read()
    {
        var entries = new List<Entry>();
        foreach (string directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out int pid))
            {
                continue;
            }

            if (TryReadStat(pid, out Entry entry))
            {
                entries.Add(entry);
            }
        }

        return entries;
    }

    /// <summary>Reads one process's state; false when it no longer exists.</summary>
    public static bool TryReadStat(int pid, out Entry entry)
    {
        entry = default;
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }

        // "pid (comm) S ppid pgrp ...": comm may hold spaces and parentheses, so parse after the LAST ')'.
        int close = stat.LastIndexOf(')');
        if (close < 0 || close + 2 >= stat.Length)
        {
            return false;
        }

        string[] fields = stat[(close + 2)..].Split(' ');
        if (fields.Length < 3
            || !int.TryParse(fields[1], NumberStyles.Integer, CultureInfo.InvariantCulture, out int parent)
            || !int.TryParse(fields[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out int group))
        {
            return false;
        }

        entry = new Entry(pid, parent, group, fields[0].Length > 0 ? fields[0][0] : '?');
        return true;
    }

    /// <summary>True when a process that has not exited is in the group.</summary>
    public static bool HasLiveMember(int groupId)
    {
        foreach (Entry entry in Read())
        {
            if (entry.GroupId == groupId && entry.State is not ('Z' or 'X'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The live processes whose environment (as they were started) holds <paramref name="variable"/>=<paramref name="value"/>:
    /// everything a task started inherits the marker, also a daemon that left the task's session with setsid and
    /// was re-parented to init, which neither the process group nor a walk down the tree can find.
    /// </summary>
    public static List<int> LiveWithEnvironment(string variable, string value)
    {
        byte[] needle = System.Text.Encoding.UTF8.GetBytes(variable + "=" + value);
        var result = new List<int>();
        int self = Environment.ProcessId;
        foreach (string directory in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) || pid == self)
            {
                continue;
            }

            byte[] environ;
            try
            {
                environ = File.ReadAllBytes(Path.Combine(directory, "environ"));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue; // gone, or another user's: not ours to stop
            }

            if (ContainsEntry(environ, needle) && TryReadStat(pid, out Entry entry) && entry.State is not ('Z' or 'X'))
            {
                result.Add(pid);
            }
        }

        return result;
    }

    // environ is NUL-separated NAME=value entries; the marker must be a whole entry.
    private static bool ContainsEntry(ReadOnlySpan<byte> environ, ReadOnlySpan<byte> entry)
    {
        while (environ.Length > 0)
        {
            int end = environ.IndexOf((byte)0);
            ReadOnlySpan<byte> current = end < 0 ? environ : environ[..end];
            if (current.SequenceEqual(entry))
            {
                return true;
            }

            environ = end < 0 ? ReadOnlySpan<byte>.Empty : environ[(end + 1)..];
        }

        return false;
    }

    /// <summary>The process and everything below it that is still alive, parents first.</summary>
    public static List<int> LiveTree(int rootPid)
    {
        List<Entry> all = Read();
        var result = new List<int>();
        var queue = new Queue<int>();
        queue.Enqueue(rootPid);
        while (queue.Count > 0)
        {
            int pid = queue.Dequeue();
            foreach (Entry entry in all)
            {
                if (entry.Pid == pid && entry.State is not ('Z' or 'X'))
                {
                    result.Add(pid);
                }

                if (entry.ParentPid == pid)
                {
                    queue.Enqueue(entry.Pid);
                }
            }
        }

        return result;
    }
}
