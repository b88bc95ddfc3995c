namespace Choshu.Formats.Payments;

/// <summary>
/// A read-only stream that gives back bytes already read from the start of another stream (to decide the
/// encoding) and then the rest of that stream, so a stream that cannot seek is still read only once.
/// Disposing it does not dispose the inner stream.
/// </summary>
internal sealed class HeadReplayStream(byte[] head, int headLength, Stream rest) : Stream
{
    private int _pos;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_pos < headLength)
        {
            var n = Math.Min(buffer.Length, headLength - _pos);
            head.AsSpan(_pos, n).CopyTo(buffer);
            _pos += n;
            return n;
        }

        return rest.Read(buffer);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
