using System;
using System.Runtime.InteropServices;
using CognitoAdminAuth.Native.Generated;

namespace CognitoAdminAuth.Native
{
    /// <summary>
    /// cgip_invoke through the DllImport binding: the request is pinned for the call, the answer copied out and
    /// handed back to cgip_buffer_free, which wipes it (responses carry tokens).
    /// </summary>
    internal static class NativeBuffers
    {
        public static unsafe int Invoke(byte[] request, IntPtr cancel, out byte[] body)
        {
            fixed (byte* data = request)
            {
                var slice = new SliceByte { _data = (IntPtr)data, _len = (ulong)request.Length };
                var response = default(VecByte);
                var status = Interop.cgip_invoke(slice, cancel, ref response);
                try
                {
                    body = new byte[checked((int)response._len)];
                    if (response._ptr != IntPtr.Zero && body.Length > 0) Marshal.Copy(response._ptr, body, 0, body.Length);
                }
                finally
                {
                    if (response._ptr != IntPtr.Zero) Interop.cgip_buffer_free(response);
                }
                return status;
            }
        }
    }
}
