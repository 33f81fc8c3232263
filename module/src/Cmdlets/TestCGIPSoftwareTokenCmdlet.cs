using System.Collections.Generic;
using System.Management.Automation;
using CognitoAdminAuth.Aws;
using CognitoAdminAuth.Cmdlets;
using CognitoAdminAuth.History;
using CognitoAdminAuth.Native.Contract;
using CognitoAdminAuth.Native.Generated;

namespace Amazon.PowerShell.Cmdlets.CGIP
{
    /// <summary>VerifySoftwareToken: registers the TOTP authenticator with a code from it (AWS.Tools' Test-CGIPSoftwareToken).</summary>
    [Cmdlet("Test", "CGIPSoftwareToken")]
    [OutputType(SdkTypes.VerifyResponseName)]
    public class TestCGIPSoftwareTokenCmdlet : AwsToolsOperationCmdlet
    {
        private static readonly ServiceCall Named = new ServiceCall<VerifySoftwareTokenResponse>(
            NativeNames.Operation.VerifySoftwareToken, SdkTypes.VerifyResponseName, VerifySoftwareTokenResponse.Read, Redaction.Response);

        [Parameter(Position = 0, Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [AllowNull, AllowEmptyString]
        public string UserCode { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string AccessToken { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string FriendlyDeviceName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string Session { get; set; }

        /// <summary>Deprecated in AWS.Tools V4 and absent in V5: use -Select '^UserCode' instead.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public SwitchParameter PassThru { get; set; }

        private protected override ServiceCall Operation => Named;
        private protected override bool PassThruRequested => PassThru.IsPresent;
        private protected override string PassThruParameter => nameof(UserCode);
        private protected override IEnumerable<string> MandatoryParameters => new[] { nameof(UserCode) };

        private protected override IContractWriter BuildInput() => new VerifySoftwareTokenInput
        {
            UserCode = UserCode, AccessToken = AccessToken, FriendlyDeviceName = FriendlyDeviceName, Session = Session,
        };
    }
}
