using System.Collections.Generic;
using System.Management.Automation;
using CognitoAdminAuth.Aws;
using CognitoAdminAuth.Cmdlets;
using CognitoAdminAuth.History;
using CognitoAdminAuth.Native.Contract;
using CognitoAdminAuth.Native.Generated;

namespace Amazon.PowerShell.Cmdlets.CGIP
{
    /// <summary>AdminUserGlobalSignOut: invalidates every refresh token of a user (AWS.Tools' Disconnect-CGIPUserGlobalAdmin). No output by default.</summary>
    [Cmdlet("Disconnect", "CGIPUserGlobalAdmin", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType("None")]
    public class DisconnectCGIPUserGlobalAdminCmdlet : AwsToolsOperationCmdlet
    {
        private static readonly ServiceCall Named = new ServiceCall<EmptyResponse>(
            NativeNames.Operation.AdminUserGlobalSignOut, SdkTypes.GlobalSignOutResponseName, EmptyResponse.Read, Redaction.Response);

        [Parameter(Position = 0, Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [AllowNull, AllowEmptyString]
        public string Username { get; set; }

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [AllowNull, AllowEmptyString]
        public string UserPoolId { get; set; }

        /// <summary>Deprecated in AWS.Tools V4 and absent in V5: use -Select '^Username' instead.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public SwitchParameter PassThru { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public SwitchParameter Force { get; set; }

        private protected override ServiceCall Operation => Named;
        private protected override string ShouldProcessTarget => UserPoolId ?? string.Empty;
        private protected override bool ForceRequested => Force.IsPresent;
        private protected override bool PassThruRequested => PassThru.IsPresent;
        private protected override string PassThruParameter => nameof(Username);
        private protected override string DefaultSelect => null;
        private protected override IEnumerable<string> MandatoryParameters => new[] { nameof(Username), nameof(UserPoolId) };

        private protected override IContractWriter BuildInput() => new AdminUserGlobalSignOutInput { Username = Username, UserPoolId = UserPoolId };
    }
}
