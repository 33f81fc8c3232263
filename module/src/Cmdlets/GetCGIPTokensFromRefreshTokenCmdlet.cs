using System.Collections;
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
    /// <summary>
    /// GetTokensFromRefreshToken: new tokens from a refresh token, and a new refresh token where the app client
    /// rotates them (AWS.Tools' Get-CGIPTokensFromRefreshToken). Outputs the AuthenticationResult by default.
    /// </summary>
    [Cmdlet("Get", "CGIPTokensFromRefreshToken")]
    [OutputType(SdkTypes.AuthenticationResultName)]
    public class GetCGIPTokensFromRefreshTokenCmdlet : AwsToolsOperationCmdlet
    {
        private static readonly ServiceCall Named = new ServiceCall<GetTokensFromRefreshTokenResponse>(
            NativeNames.Operation.GetTokensFromRefreshToken, SdkTypes.RefreshResponseName, GetTokensFromRefreshTokenResponse.Read, Redaction.Response);

        [Parameter(Position = 0, Mandatory = true, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [AllowNull, AllowEmptyString]
        public string RefreshToken { get; set; }

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [AllowNull, AllowEmptyString]
        public string ClientId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public Hashtable ClientMetadata { get; set; }

        /// <summary>The app client's secret, which this operation sends as such (a SecureString is accepted too).</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public object ClientSecret { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string DeviceKey { get; set; }

        /// <summary>Deprecated in AWS.Tools V4 and absent in V5: use -Select '^RefreshToken' instead.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public SwitchParameter PassThru { get; set; }

        private protected override ServiceCall Operation => Named;
        private protected override bool PassThruRequested => PassThru.IsPresent;
        private protected override string PassThruParameter => nameof(RefreshToken);
        private protected override string DefaultSelect => "AuthenticationResult";
        private protected override IEnumerable<string> MandatoryParameters => new[] { nameof(RefreshToken), nameof(ClientId) };

        private protected override IContractWriter BuildInput() => new GetTokensFromRefreshTokenInput
        {
            RefreshToken = RefreshToken,
            ClientId = ClientId,
            ClientMetadata = StringMaps.FromHashtable(ClientMetadata, nameof(ClientMetadata)),
            ClientSecret = Secrets.Reveal(ClientSecret, nameof(ClientSecret)),
            DeviceKey = DeviceKey,
        };
    }
}
