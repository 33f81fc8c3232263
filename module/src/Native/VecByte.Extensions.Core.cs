using System;

namespace CognitoAdminAuth.Native.Generated
{
    // Hand-written companion of the generated VecByte: the answer is read where Rust wrote it (no managed
    // copy of the tokens), then handed back to cgip_buffer_free, which wipes it.
    internal partial class VecByte
    {
        internal unsafe ReadOnlySpan<byte> AsSpan() =>
            _ptr == IntPtr.Zero ? ReadOnlySpan<byte>.Empty : new ReadOnlySpan<byte>((void*)_ptr, checked((int)_len));

        internal void Free()
        {
            if (_ptr != IntPtr.Zero) Interop.cgip_buffer_free(this);
        }
    }
}
