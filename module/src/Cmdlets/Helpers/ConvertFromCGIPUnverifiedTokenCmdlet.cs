using System;
using System.Collections.Generic;
using System.Management.Automation;
using CognitoAdminAuth.Native.Contract;
using CognitoAdminAuth.Native.Generated;

namespace CognitoAdminAuth.Cmdlets.Helpers
{
    /// <summary>
    /// Decodes an ID or access token's header and claims WITHOUT verifying its signature: for reading what a
    /// token says (user, expiry), never for deciding whether to trust it.
    /// </summary>
    [Cmdlet(VerbsData.ConvertFrom, "CGIPUnverifiedToken")]
    [OutputType(typeof(PSObject))]
    public class ConvertFromCGIPUnverifiedTokenCmdlet : NativeHelperCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("IdToken", "AccessToken")]
        public string Token { get; set; }

        protected override void ProcessRecord()
        {
            var result = CallNative(NativeNames.Operation.DecodeTokenUnverified, new TokenInput { Token = Token }, TokenAnswer.Read);
            var o = new PSObject();
            o.Properties.Add(new PSNoteProperty("Header", result.Header));
            o.Properties.Add(new PSNoteProperty("Claims", result.Payload));
            DateTimeOffset? expires = result.Expires.HasValue ? DateTimeOffset.FromUnixTimeSeconds(result.Expires.Value) : (DateTimeOffset?)null;
            o.Properties.Add(new PSNoteProperty("ExpiresAt", expires?.UtcDateTime));
            o.Properties.Add(new PSNoteProperty("IsExpired", expires.HasValue ? expires.Value <= DateTimeOffset.UtcNow : (bool?)null));
            o.Properties.Add(new PSNoteProperty("SignatureVerified", false));
            WriteObject(o);
        }
    }
}
