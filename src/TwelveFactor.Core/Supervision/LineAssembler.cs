using System;
using System.Collections.Generic;
using System.Text;
using System.Threading;
using System.Threading.Channels;
using TwelveFactor.Core.ContinuousIntegration;

namespace TwelveFactor.Core.Supervision;

/// <summary>
/// Turns the bytes of one stream into lines and delivers the lines each <see cref="Feed"/> completed as one
/// batch to the output channel, waiting (blocking the calling thread) while the channel is full. Lines end at
/// LF; a CR before the LF is dropped; a final line without LF is delivered at the end; a line longer than
/// <see cref="MaxLineLength"/> chars (16 Mi: a large JSON document on one line still arrives as one string, so
/// <c>| ConvertFrom-Json</c> works) is delivered in pieces of that size, so a runaway task cannot exhaust memory.
/// </summary>
internal sealed class LineAssembler
{
    /// <summary>A line longer than this (in chars) is delivered in pieces of this size.</summary>
    public const int MaxLineLength = 16 * 1024 * 1024;

    private const DisplayNeutralizer.CiSystems AllCiSystems = DisplayNeutralizer.CiSystems.AzurePipelines | DisplayNeutralizer.CiSystems.GitHubActions;

    private readonly OutputKind _kind;
    private readonly ChannelWriter<TaskOutputLine[]> _writer;
    private readonly bool _neutralise;
    private readonly CancellationToken _abort;
    private readonly Encoding _encoding;
    private readonly Decoder _decoder;
    private readonly StringBuilder _pending = new();
    private readonly List<TaskOutputLine> _batch = new();
    private char[] _chars = Array.Empty<char>();

    public LineAssembler(OutputKind kind, ChannelWriter<TaskOutputLine[]> writer, Encoding encoding, bool neutralise, CancellationToken abort)
    {
        _kind = kind;
        _writer = writer;
        _neutralise = neutralise;
        _abort = abort;
        _encoding = encoding;
        _decoder = encoding.GetDecoder();
    }

    public void Feed(ReadOnlySpan<byte> bytes)
    {
        int needed = _encoding.GetMaxCharCount(bytes.Length);
        if (_chars.Length < needed)
        {
            _chars = new char[Math.Max(needed, 4096)];
        }

        int count = _decoder.GetChars(bytes, _chars, flush: false);
        Split(_chars.AsSpan(0, count));
        Deliver();
    }

    /// <summary>The stream ended: delivers what is left.</summary>
    public void Finish()
    {
        Span<char> rest = stackalloc char[16];
        int count = _decoder.GetChars(ReadOnlySpan<byte>.Empty, rest, flush: true);
        Split(rest[..count]);
        if (_pending.Length > 0)
        {
            Emit(TakePending());
        }

        Deliver();
    }

    private void Split(ReadOnlySpan<char> chars)
    {
        while (!chars.IsEmpty)
        {
            int newline = chars.IndexOf('\n');
            if (newline < 0)
            {
                Append(chars);
                return;
            }

            ReadOnlySpan<char> segment = chars[..newline];
            chars = chars[(newline + 1)..];
            if (_pending.Length == 0)
            {
                Emit(new string(segment.EndsWith("\r") ? segment[..^1] : segment));
            }
            else
            {
                _pending.Append(segment);
                if (_pending[^1] == '\r')
                {
                    _pending.Length--;
                }

                Emit(TakePending());
            }
        }
    }

    // Keeps a partial line, delivering full-size pieces of a line that never ends.
    private void Append(ReadOnlySpan<char> chars)
    {
        while (_pending.Length + chars.Length > MaxLineLength)
        {
            int take = MaxLineLength - _pending.Length;
            _pending.Append(chars[..take]);
            chars = chars[take..];
            Emit(TakePending());
        }

        _pending.Append(chars);
    }

    private string TakePending()
    {
        string line = _pending.ToString();
        _pending.Clear();
        return line;
    }

    // Inside a CI step a task's output is defused for both systems' syntax, in the agent's own style: "##vso" and
    // "##[" become "**vso" and "**[", a leading "::" becomes "**".
    private void Emit(string line) =>
        _batch.Add(new TaskOutputLine(_kind, _neutralise ? DisplayNeutralizer.BreakCommands(line, AllCiSystems, gitHubBreak: "**") : line));

    private void Deliver()
    {
        if (_batch.Count == 0)
        {
            return;
        }

        TaskOutputLine[] batch = _batch.ToArray();
        _batch.Clear();
        if (!_writer.TryWrite(batch))
        {
            _writer.WriteAsync(batch, _abort).AsTask().GetAwaiter().GetResult();
        }
    }
}
