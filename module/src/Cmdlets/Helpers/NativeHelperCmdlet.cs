using System;
using System.Management.Automation;
using System.Threading;
using CognitoAdminAuth.Native;
using CognitoAdminAuth.Native.Contract;

namespace CognitoAdminAuth.Cmdlets.Helpers
{
    /// <summary>
    /// Base of the building-block cmdlets (TOTP codes, SECRET_HASH, device verifiers, token decoding): one
    /// local operation of the native core per record, no service call, failures as terminating errors.
    /// </summary>
    public abstract class NativeHelperCmdlet : PSCmdlet
    {
        /// <summary>
        /// Runs one building block with its input and reads its answer with <paramref name="read"/>, in place from
        /// the native buffer (which is wiped once this returns): the values read are the only copies made.
        /// </summary>
        private protected T CallNative<T>(string operation, IContractWriter input, ResponseParser<T> read)
        {
            try
            {
                return NativeCore.Invoke(NativeRequest.Local(operation, input), CancellationToken.None, read);
            }
            catch (NativeCallException e)
            {
                var inner = e.ToTypedException(operation);
                ThrowTerminatingError(new ErrorRecord(inner, inner.GetType().FullName, ErrorCategory.InvalidArgument, null));
                throw; // not reached: ThrowTerminatingError always throws
            }
        }
    }
}
