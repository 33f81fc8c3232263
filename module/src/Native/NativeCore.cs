using System;
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
                using (var cancel = Interop.cgip_cancel_new())
                using (cancellation.Register(cancel.Fire))
                {
                    return NativeBuffers.Invoke(request, cancel, parse);
                }
            }
            finally
            {
                Array.Clear(request, 0, request.Length);
            }
        }
    }
}
