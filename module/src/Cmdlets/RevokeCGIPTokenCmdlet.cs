using System.Collections.Generic;
using System.Management.Automation;
using CognitoAdminAuth.Aws;
using CognitoAdminAuth.Cmdlets;
using CognitoAdminAuth.Common;
using CognitoAdminAuth.History;
using CognitoAdminAuth.Native.Contract;
using CognitoAdminAuth.Native.Generated;

namespace Amazon.PowerShell.Cmdlets.CGIP
{
    /// <summary>RevokeToken: revokes a refresh token and the access tokens issued with it (AWS.Tools' Revoke-CGIPToken). No output by default.</summary>
    [Cmdlet("Revoke", "CGIPToken", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType("None")]
    public class RevokeCGIPTokenCmdlet : AwsToolsOperationCmdlet
    {
        private static readonly ServiceCall Named = new ServiceCall<EmptyResponse>(
            NativeNames.Operation.RevokeToken, SdkTypes.RevokeResponseName, EmptyResponse.Read, Redaction.Response);

        [Parameter(Position = 0, Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [AllowNull, AllowEmptyString]
        public string Token { get; set; }

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [AllowNull, AllowEmptyString]
        public string ClientId { get; set; }

        /// <summary>The app client's secret, which this operation sends as such (a SecureString is accepted too).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public object ClientSecret { get; set; }

        /// <summary>In older AWS.Tools V4 versions only (deprecated there): use -Select '^Token' instead.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public SwitchParameter PassThru { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public SwitchParameter Force { get; set; }

        private protected override ServiceCall Operation => Named;
        private protected override string ShouldProcessTarget => ClientId ?? string.Empty;
        private protected override bool ForceRequested => Force.IsPresent;
        private protected override bool PassThruRequested => PassThru.IsPresent;
        private protected override string PassThruParameter => nameof(Token);
        private protected override string DefaultSelect => null;
        private protected override IEnumerable<string> MandatoryParameters => new[] { nameof(Token), nameof(ClientId) };

        private protected override IContractWriter BuildInput() => new RevokeTokenInput
        {
            Token = Token, ClientId = ClientId, ClientSecret = Secrets.Reveal(ClientSecret, nameof(ClientSecret)),
        };
    }
}
