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
            byte[] json = null;
            try
            {
                json = NativeCore.Invoke(NativeRequest.Local(operation, input), CancellationToken.None);
                using (var doc = JsonDocument.Parse(json))
                    return doc.RootElement.Clone();
            }
            catch (NativeCallException e)
            {
                var inner = e.ToTypedException(operation);
                ThrowTerminatingError(new ErrorRecord(inner, inner.GetType().FullName, ErrorCategory.InvalidArgument, null));
                throw; // not reached: ThrowTerminatingError always throws
            }
            finally
            {
                // The clone returned is the caller's copy; the response bytes (a device password, a code) go.
                if (json != null) Array.Clear(json, 0, json.Length);
            }
        }

        private protected static string Str(JsonElement e, string name) => ResponseReader.Str(e, name);
    }
}
