using System;
using System.Runtime.InteropServices;
using System.Threading;
using CognitoAdminAuth.Native.Generated;

namespace CognitoAdminAuth.Native
{
    /// <summary>The one door to the Rust library: request bytes in, the answer read in place, or a NativeCallException.</summary>
    internal static class NativeCore
    {
        private const uint ExpectedAbiVersion = NativeNames.AbiVersion;
        private static readonly Lazy<bool> Loaded = new Lazy<bool>(Load);

        private static bool Load()
        {
            NativeLibraryResolver.EnsureRegistered();
            var version = Interop.cgip_abi_version();
            if (version != ExpectedAbiVersion)
                throw new InvalidOperationException(
                    $"The native library speaks ABI version {version}, this module expects {ExpectedAbiVersion}: the module folder mixes two builds. Rebuild with build.ps1.");
            return true;
        }

        /// <summary>
        /// Runs a request and reads its answer with <paramref name="parse"/> while the answer is still in the
        /// native buffer; the request bytes are wiped afterwards (they carry passwords and keys).
        /// </summary>
        public static T Invoke<T>(byte[] request, CancellationToken cancellation, ResponseParser<T> parse)
        {
            try
            {
                _ = Loaded.Value;
                using (var cancel = CancelHandle.Create())
                using (cancellation.Register(cancel.Fire))
                {
                    var added = false;
                    try
                    {
                        cancel.DangerousAddRef(ref added);
                        return NativeBuffers.Invoke(request, cancel.DangerousGetHandle(), parse);
                    }
                    finally
                    {
                        if (added) cancel.DangerousRelease();
                    }
                }
            }
            finally
            {
                Array.Clear(request, 0, request.Length);
            }
        }

        /// <summary>Owns a native cancel token so it is freed exactly once, even when a call throws.</summary>
        private sealed class CancelHandle : SafeHandle
        {
            private CancelHandle() : base(IntPtr.Zero, ownsHandle: true) { }

            public static CancelHandle Create()
            {
                var h = new CancelHandle();
                h.SetHandle(Interop.cgip_cancel_new());
                return h;
            }

            public override bool IsInvalid => handle == IntPtr.Zero;

            public void Fire()
            {
                var added = false;
                try
                {
                    DangerousAddRef(ref added);
                    Interop.cgip_cancel_fire(handle);
                }
                catch (ObjectDisposedException)
                {
                    // The call already finished and released the token: nothing left to cancel.
                }
                finally
                {
                    if (added) DangerousRelease();
                }
            }

            protected override bool ReleaseHandle()
            {
                Interop.cgip_cancel_free(handle);
                return true;
            }
        }
    }
}
