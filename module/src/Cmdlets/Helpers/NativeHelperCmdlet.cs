using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Text.Json;
using System.Threading;
using CognitoAdminAuth.Native;

namespace CognitoAdminAuth.Cmdlets.Helpers
{
    /// <summary>
    /// Base of the building-block cmdlets (TOTP codes, SECRET_HASH, device verifiers, token decoding): one
    /// local operation of the native core per record, no service call, failures as terminating errors.
    /// </summary>
    public abstract class NativeHelperCmdlet : PSCmdlet
    {
        private protected JsonElement CallNative(string operation, Dictionary<string, object> input)
        {
            try
            {
                // The element owns a copy of the answer (a device password, a code); the native buffer is wiped.
                return NativeCore.Invoke(NativeRequest.Local(operation, input), CancellationToken.None, ReadElement);
            }
            catch (NativeCallException e)
            {
                var inner = e.ToTypedException(operation);
                ThrowTerminatingError(new ErrorRecord(inner, inner.GetType().FullName, ErrorCategory.InvalidArgument, null));
                throw; // not reached: ThrowTerminatingError always throws
            }
        }

        private static JsonElement ReadElement(ReadOnlySpan<byte> json)
        {
            var reader = new Utf8JsonReader(json);
            return JsonElement.ParseValue(ref reader);
        }

        private protected static string Str(JsonElement e, string name) => ResponseReader.Str(e, name);
    }
}
