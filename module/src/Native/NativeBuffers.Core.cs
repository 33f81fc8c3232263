using System;
using CognitoAdminAuth.Native.Generated;

namespace CognitoAdminAuth.Native
{
    /// <summary>cgip_invoke through the interoptopus binding: its slice lease pins the request, its VecByte holds the answer.</summary>
    internal static class NativeBuffers
    {
        public static int Invoke(byte[] request, IntPtr cancel, out byte[] body)
        {
            using (var lease = request.Slice())
            {
                var response = VecByte.Empty();
                var status = Interop.cgip_invoke(lease, cancel, ref response);
                body = response.ToArrayAndFree();
                return status;
            }
        }
    }
}
