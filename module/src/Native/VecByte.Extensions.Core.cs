using System;
using System.Runtime.InteropServices;

namespace CognitoAdminAuth.Native.Generated
{
    // Hand-written companion of the generated VecByte: copies a Rust-owned buffer out and hands it back
    // to Rust through cgip_buffer_free, which wipes it (responses carry tokens).
    internal partial class VecByte
    {
        internal byte[] ToArrayAndFree()
        {
            try
            {
                var bytes = new byte[checked((int)_len)];
                if (_ptr != IntPtr.Zero && bytes.Length > 0) Marshal.Copy(_ptr, bytes, 0, bytes.Length);
                return bytes;
            }
            finally
            {
                if (_ptr != IntPtr.Zero) Interop.cgip_buffer_free(this);
            }
        }
    }
}
