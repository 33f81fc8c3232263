using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using CognitoAdminAuth.Common;
using CognitoAdminAuth.Native.Contract;
using CognitoAdminAuth.Native.Generated;

namespace CognitoAdminAuth.Cmdlets.Helpers
{
    /// <summary>
    /// The second SRP building block: answers a PASSWORD_VERIFIER challenge with the private value behind a
    /// New-CGIPSrpA handle. Returns the ChallengeResponses entries (USERNAME, PASSWORD_CLAIM_SECRET_BLOCK,
    /// PASSWORD_CLAIM_SIGNATURE, TIMESTAMP) as a hashtable for Send-CGIPAuthChallengeResponseAdmin.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CGIPSrpPasswordClaim")]
    [OutputType(typeof(Hashtable))]
    public class GetCGIPSrpPasswordClaimCmdlet : NativeHelperCmdlet
    {
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        public string Handle { get; set; }

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        public string UserPoolId { get; set; }

        /// <summary>The challenge's ChallengeParameters (USER_ID_FOR_SRP, SRP_B, SALT, SECRET_BLOCK).</summary>
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("ChallengeParameters")]
        public IDictionary ChallengeParameter { get; set; }

        /// <summary>The user's password, as a SecureString or a string.</summary>
        [Parameter(Mandatory = true)]
        public object Password { get; set; }

        protected override void ProcessRecord()
        {
            string Param(string key) => ChallengeParameter.Contains(key) ? ChallengeParameter[key] as string : null;
            var user = Param("USER_ID_FOR_SRP");
            var result = CallNative(NativeNames.Operation.SrpClaim, new ClaimInput
            {
                Handle = Handle, UserPoolId = UserPoolId, UserIdForSrp = user,
                Password = Secrets.Reveal(Password, nameof(Password)),
                SrpB = Param("SRP_B"), Salt = Param("SALT"), SecretBlock = Param("SECRET_BLOCK"),
            }, SrpClaimAnswer.Read);
            WriteObject(new Hashtable
            {
                ["USERNAME"] = user,
                ["PASSWORD_CLAIM_SECRET_BLOCK"] = result.SecretBlock,
                ["PASSWORD_CLAIM_SIGNATURE"] = result.Signature,
                ["TIMESTAMP"] = result.Timestamp,
            });
        }
    }
}
