namespace TwelveFactor.Core.Config;

/// <summary>
/// Offsets of one statement in the document's text (UTF-16 indexes, end exclusive). The statement runs from the
/// start of its first line to past the line break of its last line, so removing it removes whole lines.
/// </summary>
/// <param name="Start">Start of the key's line.</param>
/// <param name="End">Past the line break of the last line (or the end of the text).</param>
/// <param name="KeyEnd">Just past the key's last character.</param>
/// <param name="ValueStart">Start of the value token (its opening quote when quoted); KeyEnd for a bare key.</param>
/// <param name="ValueEnd">Past the value token (past its closing quote when quoted).</param>
/// <param name="AnnotationStart">Start of the <c># tf:secret</c> line directly above, or -1.</param>
internal readonly record struct EnvSpan(int Start, int End, int KeyEnd, int ValueStart, int ValueEnd, int AnnotationStart);
