using System;
using System.Collections.Generic;
using System.Management.Automation;
using CognitoAdminAuth.Common;
using CognitoAdminAuth.Native.Contract;
using CognitoAdminAuth.Native.Generated;

namespace CognitoAdminAuth.Cmdlets.Helpers
{
    /// <summary>
    /// The current 6-digit TOTP code (RFC 6238, SHA-1, 30 s) for a SOFTWARE_TOKEN_MFA secret, so MFA sign-ins
    /// run unattended: -ChallengeResponse @{ SOFTWARE_TOKEN_MFA_CODE = (Get-CGIPTotpCode $secret) }.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "CGIPTotpCode")]
    [OutputType(typeof(string))]
    public class GetCGIPTotpCodeCmdlet : NativeHelperCmdlet
    {
        /// <summary>The base32 secret (AssociateSoftwareToken's SecretCode), as SecureString or string.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("SecretCode")]
        public object Secret { get; set; }

        /// <summary>The moment to compute the code for; now by default.</summary>
        [Parameter]
        public DateTimeOffset? Time { get; set; }

        protected override void ProcessRecord()
        {
            var input = new TotpInput { Secret = Secrets.Reveal(Secret, nameof(Secret)), UnixTime = Time?.ToUnixTimeSeconds() };
            var result = CallNative(NativeNames.Operation.TotpCode, input, TotpAnswer.Read);
            WriteVerbose($"TOTP code valid for {result.SecondsRemaining} more seconds");
            WriteObject(result.Code);
        }
    }
}
