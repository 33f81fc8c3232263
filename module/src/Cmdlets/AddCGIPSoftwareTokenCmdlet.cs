using System.Collections.Generic;
using System.Management.Automation;
using CognitoAdminAuth.Aws;
using CognitoAdminAuth.Cmdlets;
using CognitoAdminAuth.History;
using CognitoAdminAuth.Native.Contract;
using CognitoAdminAuth.Native.Generated;

namespace Amazon.PowerShell.Cmdlets.CGIP
{
    /// <summary>AssociateSoftwareToken: begins registering a TOTP authenticator (AWS.Tools' Add-CGIPSoftwareToken).</summary>
    [Cmdlet("Add", "CGIPSoftwareToken", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(SdkTypes.AssociateResponseName)]
    public class AddCGIPSoftwareTokenCmdlet : AwsToolsOperationCmdlet
    {
        private static readonly ServiceCall Named = new ServiceCall<AssociateSoftwareTokenResponse>(
            NativeNames.Operation.AssociateSoftwareToken, SdkTypes.AssociateResponseName, AssociateSoftwareTokenResponse.Read, Redaction.Response);

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string AccessToken { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string Session { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public SwitchParameter Force { get; set; }

        private protected override ServiceCall Operation => Named;
        // AWS.Tools names no resource here: the token and the Session are secrets.
        private protected override string ShouldProcessTarget => string.Empty;
        private protected override bool ForceRequested => Force.IsPresent;
        private protected override IEnumerable<string> MandatoryParameters => new string[0];

        private protected override IContractWriter BuildInput() => new AssociateSoftwareTokenInput { AccessToken = AccessToken, Session = Session };
    }
}
