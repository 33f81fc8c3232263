using System;
using System.Buffers;

namespace CognitoAdminAuth.Native
{
    /// <summary>
    /// The buffer a request envelope is written into. Envelopes carry passwords and keys: every array it
    /// outgrows, and its last one, is cleared, which the pooled buffers of System.Text.Json's own writers are not.
    /// </summary>
    internal sealed class WipedBufferWriter : IBufferWriter<byte>, IDisposable
    {
        private byte[] _buffer = new byte[1024];
        private int _written;

        public void Advance(int count) => _written += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Reserve(sizeHint);
            return _buffer.AsMemory(_written);
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Reserve(sizeHint);
            return _buffer.AsSpan(_written);
        }

        /// <summary>An exact-length copy of what was written; the caller wipes it after use.</summary>
        public byte[] ToArray() => _buffer.AsSpan(0, _written).ToArray();

        public void Dispose() => Array.Clear(_buffer, 0, _buffer.Length);

        private void Reserve(int sizeHint)
        {
            var needed = _written + Math.Max(sizeHint, 1);
            if (needed <= _buffer.Length) return;
            var larger = new byte[Math.Max(needed, _buffer.Length * 2)];
            Buffer.BlockCopy(_buffer, 0, larger, 0, _written);
            Array.Clear(_buffer, 0, _buffer.Length);
            _buffer = larger;
        }
    }
}
