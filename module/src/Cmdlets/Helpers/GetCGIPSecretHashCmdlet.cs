using System.Collections.Generic;
using System.Management.Automation;
using CognitoAdminAuth.Common;
using CognitoAdminAuth.Native.Contract;
using CognitoAdminAuth.Native.Generated;

namespace CognitoAdminAuth.Cmdlets.Helpers
{
    /// <summary>SECRET_HASH for an app client with a secret: Base64(HMAC-SHA256(secret, UserName + ClientId)).</summary>
    [Cmdlet(VerbsCommon.Get, "CGIPSecretHash")]
    [OutputType(typeof(string))]
    public class GetCGIPSecretHashCmdlet : NativeHelperCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        public string ClientId { get; set; }

        /// <summary>SecureString or string.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        public object ClientSecret { get; set; }

        /// <summary>USERNAME, or USER_ID_FOR_SRP after an SRP step.</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        public string UserName { get; set; }

        protected override void ProcessRecord() => WriteObject(CallNative(NativeNames.Operation.SecretHash, new SecretHashInput
        {
            ClientId = ClientId, ClientSecret = Secrets.Reveal(ClientSecret, nameof(ClientSecret)), UserName = UserName,
        }, SecretHashAnswer.Read).SecretHash);
    }
}
