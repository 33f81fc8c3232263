using System;
using System.Runtime.InteropServices;
using CognitoAdminAuth.Native.Generated;

namespace CognitoAdminAuth.Native
{
    /// <summary>
    /// The native cancel token of one call. Passed to the imports as itself: the marshaller holds a reference for
    /// each call, so StopProcessing firing it on another thread can never reach a token already freed.
    /// </summary>
    internal sealed class CancelTokenHandle : SafeHandle
    {
        // The marshaller makes the instance that cgip_cancel_new returns.
        private CancelTokenHandle() : base(IntPtr.Zero, ownsHandle: true) { }

        public override bool IsInvalid => handle == IntPtr.Zero;

        /// <summary>Cancels the call using the token; nothing happens once the call has ended and freed it.</summary>
        public void Fire()
        {
            try
            {
                Interop.cgip_cancel_fire(this);
            }
            catch (ObjectDisposedException)
            {
                // The call already finished and released the token: nothing left to cancel.
            }
        }

        protected override bool ReleaseHandle()
        {
            Interop.cgip_cancel_free(handle);
            return true;
        }
    }
}
