using System;
using CognitoAdminAuth.Native.Generated;

namespace CognitoAdminAuth.Native
{
    /// <summary>cgip_invoke through the interoptopus binding: its slice lease pins the request, its VecByte holds the answer.</summary>
    internal static class NativeBuffers
    {
        public static T Invoke<T>(byte[] request, IntPtr cancel, ResponseParser<T> parse)
        {
            using (var lease = request.Slice())
            {
                var response = VecByte.Empty();
                var status = Interop.cgip_invoke(lease, cancel, ref response);
                try
                {
                    return NativeResponse.Read(status, response.AsSpan(), parse);
                }
                finally
                {
                    response.Free();
                }
            }
        }
    }
}
