using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using Amazon.CognitoIdentityProvider;
using Amazon.CognitoIdentityProvider.Model;
using CognitoAdminAuth.Cmdlets;
using CognitoAdminAuth.Common;
using CognitoAdminAuth.Completion;
using CognitoAdminAuth.Native;
using CognitoAdminAuth.Native.Contract;
using CognitoAdminAuth.Native.Generated;

namespace Amazon.PowerShell.Cmdlets.CGIP
{
    /// <summary>AdminRespondToAuthChallenge: answers a sign-in challenge (AWS.Tools' Send-CGIPAuthChallengeResponseAdmin).</summary>
    [Cmdlet("Send", "CGIPAuthChallengeResponseAdmin", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(AdminRespondToAuthChallengeResponse))]
    public class SendCGIPAuthChallengeResponseAdminCmdlet : CognitoOperationCmdlet
    {
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [AllowNull]
        [ArgumentCompleter(typeof(ChallengeNameCompleter))]
        public ChallengeNameType ChallengeName { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("ChallengeResponses")]
        public Hashtable ChallengeResponse { get; set; }

        /// <summary>
        /// With -DevicePassword, answers DEVICE_SRP_AUTH for a remembered device (beyond AWS.Tools): the module
        /// sends SRP_A and signs the DEVICE_PASSWORD_VERIFIER that follows. Both come from New-CGIPDeviceVerifier
        /// and ConfirmDevice.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string DeviceGroupKey { get; set; }

        /// <summary>The remembered device's password (SecureString or string); never sent.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [SecretParameter]
        public object DevicePassword { get; set; }

        /// <summary>
        /// The ChallengeParameters of the challenge being answered (beyond AWS.Tools), bound from the piped
        /// response: their SECRET_BLOCK finds the SRP exchange this process started, since Cognito sends no
        /// Session with PASSWORD_VERIFIER. Not sent to the service.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("ChallengeParameters")]
        public IDictionary ChallengeParameter { get; set; }

        protected override string OperationName => NativeNames.Operation.AdminRespondToAuthChallenge;
        protected override Type ResponseType => typeof(AdminRespondToAuthChallengeResponse);
        protected override string KindParameterName => nameof(ChallengeName);

        private protected override IAuthInput OperationInput() => new AdminRespondToAuthChallengeInput
        {
            ChallengeName = ChallengeName?.Value,
            ChallengeResponses = StringMaps.FromHashtable(ChallengeResponse, nameof(ChallengeResponse)),
        };

        private protected override DeviceSecret Device() =>
            DevicePassword == null || string.IsNullOrEmpty(DeviceGroupKey)
                ? null
                : new DeviceSecret { GroupKey = DeviceGroupKey, Password = Secrets.Reveal(DevicePassword, nameof(DevicePassword)) };

        private protected override Dictionary<string, string> ChallengeParameters() =>
            StringMaps.FromHashtable(ChallengeParameter, nameof(ChallengeParameter));

        private protected override object ReadResponse(ReadOnlySpan<byte> json) => ResponseReader.Read<AdminRespondToAuthChallengeResponse>(json);
    }
}
