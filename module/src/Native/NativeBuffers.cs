using System;
using CognitoAdminAuth.Native.Generated;

namespace CognitoAdminAuth.Native
{
    /// <summary>
    /// cgip_invoke: the request is pinned for the call, the answer read where Rust wrote it and handed back to
    /// cgip_buffer_free, which wipes it (responses carry tokens).
    /// </summary>
    internal static class NativeBuffers
    {
        public static unsafe T Invoke<T>(byte[] request, CancelTokenHandle cancel, ResponseParser<T> parse)
        {
            fixed (byte* data = request)
            {
                var slice = new SliceByte { _data = (IntPtr)data, _len = (ulong)request.Length };
                var response = default(VecByte);
                var status = Interop.cgip_invoke(slice, cancel, ref response);
                try
                {
                    var body = response._ptr == IntPtr.Zero ? ReadOnlySpan<byte>.Empty : new ReadOnlySpan<byte>((void*)response._ptr, checked((int)response._len));
                    return NativeResponse.Read(status, body, parse);
                }
                finally
                {
                    if (response._ptr != IntPtr.Zero) Interop.cgip_buffer_free(response);
                }
            }
        }
    }
}
