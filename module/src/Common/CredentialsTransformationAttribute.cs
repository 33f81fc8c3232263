using System.Management.Automation;
using CognitoAdminAuth.Aws;

namespace CognitoAdminAuth.Common
{
    /// <summary>
    /// Lets -Credential take, besides the session's AWSCredentials, anything shaped like credentials: another
    /// assembly's AWSCredentials, or objects and hashtables with AccessKey and SecretKey. Anything else is left
    /// as it is, for PowerShell to refuse with its usual binding error.
    /// </summary>
    public sealed class CredentialsTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var o = inputData is PSObject ps ? ps.BaseObject : inputData;
            if (o == null || o is string || SdkTypes.AWSCredentials.IsInstanceOfType(o)) return inputData;
            var keys = ResolvedCredentials.FromObject(inputData, "supplied credentials object");
            return keys == null ? inputData : SdkTypes.Credentials(keys.AccessKey, keys.SecretKey, keys.SessionToken);
        }
    }
}
