using System.Management.Automation;
using Amazon.Runtime;

namespace CognitoAdminAuth.Common
{
    /// <summary>
    /// Lets -Credential take, besides our AWSCredentials, anything shaped like credentials: AWS.Tools' own
    /// objects (another assembly's AWSCredentials), or objects and hashtables with AccessKey and SecretKey.
    /// Anything else is left as it is, for PowerShell to refuse with its usual binding error.
    /// </summary>
    public sealed class CredentialsTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var o = inputData is PSObject ps ? ps.BaseObject : inputData;
            if (o == null || o is AWSCredentials || o is string) return inputData;
            var keys = ResolvedCredentials.FromObject(inputData, "supplied credentials object");
            if (keys == null) return inputData;
            return keys.SessionToken == null
                ? new BasicAWSCredentials(keys.AccessKey, keys.SecretKey)
                : (AWSCredentials)new SessionAWSCredentials(keys.AccessKey, keys.SecretKey, keys.SessionToken);
        }
    }
}
