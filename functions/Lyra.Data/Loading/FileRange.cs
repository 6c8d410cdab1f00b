using System.Buffers;
using Microsoft.Win32.SafeHandles;

namespace Lyra.Data.Loading;

/// <summary>
/// Bytes [start, end) of an open file as a forward-only stream of positioned reads, so several readers can share one
/// handle on different parts of the file at once.
/// </summary>
/// <remarks>
/// Reads go through a buffer of its own: readers such as Sep's ask for about 1 KB at a time, and a system call per
/// kilobyte cost more than the parsing.
/// </remarks>
internal sealed class FileRange(SafeFileHandle file, long start, long end) : Stream
{
    private const int BufferBytes = 256 * 1024;
    private readonly long _start = start;
    private long _next = start;            // file offset of the next refill
    private byte[]? _buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
    private int _at, _filled;              // unread bytes are _buffer[_at.._filled]

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => end - _start;

    public override long Position
    {
        get => _next - _start - (_filled - _at);
        set => throw new NotSupportedException();
    }

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_buffer is null, this);
        if (_at == _filled)
        {
            _filled = ReadAt(file, _buffer.AsSpan(0, (int)Math.Min(_buffer.Length, end - _next)), _next);
            _next += _filled;
            _at = 0;
            if (_filled == 0) return 0;
        }

        var count = Math.Min(buffer.Length, _filled - _at);
        _buffer.AsSpan(_at, count).CopyTo(buffer);
        _at += count;
        return count;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (_buffer is { } buffer) ArrayPool<byte>.Shared.Return(buffer);
        _buffer = null;
        base.Dispose(disposing);
    }

    /// <summary>Reads until <paramref name="buffer"/> is full or the file ends; the bytes read.</summary>
    public static int ReadAt(SafeFileHandle file, Span<byte> buffer, long offset)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = RandomAccess.Read(file, buffer[total..], offset + total);
            if (read == 0) break;
            total += read;
        }

        return total;
    }

    /// <summary>Line ends in [start, end), plus a last line without one.</summary>
    public static int Lines(SafeFileHandle file, long start, long end)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferBytes);
        try
        {
            var count = 0;
            var last = (byte)'\n';
            for (var at = start; at < end;)
            {
                var read = ReadAt(file, buffer.AsSpan(0, (int)Math.Min(buffer.Length, end - at)), at);
                if (read == 0) break;
                var chunk = buffer.AsSpan(0, read);
                count += chunk.Count((byte)'\n');
                last = chunk[^1];
                at += read;
            }

            return count + (last == '\n' ? 0 : 1);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The offset of the first line end at or after <paramref name="from"/>, or -1 when there is none before <paramref name="end"/>.</summary>
    public static long NextLineEnd(SafeFileHandle file, long from, long end)
    {
        Span<byte> buffer = stackalloc byte[4096];
        for (var at = from; at < end;)
        {
            var read = ReadAt(file, buffer[..(int)Math.Min(buffer.Length, end - at)], at);
            if (read == 0) break;
            var i = buffer[..read].IndexOf((byte)'\n');
            if (i >= 0) return at + i;
            at += read;
        }

        return -1;
    }
}
