using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using CognitoAdminAuth.Aws;
using CognitoAdminAuth.Cmdlets;
using CognitoAdminAuth.Common;
using CognitoAdminAuth.Completion;
using CognitoAdminAuth.History;
using CognitoAdminAuth.Native.Contract;
using CognitoAdminAuth.Native.Generated;

namespace Amazon.PowerShell.Cmdlets.CGIP
{
    /// <summary>AdminRespondToAuthChallenge: answers a sign-in challenge (AWS.Tools' Send-CGIPAuthChallengeResponseAdmin).</summary>
    [Cmdlet("Send", "CGIPAuthChallengeResponseAdmin", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(SdkTypes.RespondResponseName)]
    public class SendCGIPAuthChallengeResponseAdminCmdlet : CognitoOperationCmdlet
    {
        private static readonly SdkParameter ChallengeName = KindParameter("ChallengeName", typeof(RespondSdkParameterSet<,,,>));
        internal static readonly IReadOnlyList<SdkParameter> Declared = WithCommon(ChallengeName);
        private static readonly SdkParameterSetType Set = AuthSet(typeof(RespondSdkParameterSet<,,,>), SdkTypes.ChallengeNameTypeName);

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

        /// <summary>
        /// A registered authenticator's TOTP secret (SecureString or string; beyond AWS.Tools): SOFTWARE_TOKEN_MFA
        /// is answered with its current code and SELECT_MFA_TYPE with SOFTWARE_TOKEN_MFA, unless the challenge
        /// responses already hold them. Never sent.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [SecretParameter]
        public object TotpSecret { get; set; }

        private static readonly ServiceCall Named = new ServiceCall<AuthResponse>(NativeNames.Operation.AdminRespondToAuthChallenge, SdkTypes.RespondResponseName, AuthResponse.Read, Redaction.Response);
        private protected override ServiceCall Operation => Named;
        private protected override SdkParameter Kind => ChallengeName;
        private protected override SdkParameterSetType SdkParameterSet => Set;
        private protected override IReadOnlyList<SdkParameter> SdkParameters => Declared;

        private protected override IAuthInput OperationInput() => new AdminRespondToAuthChallengeInput
        {
            ChallengeName = KindValue,
            ChallengeResponses = StringMaps.FromHashtable(ChallengeResponse, nameof(ChallengeResponse)),
        };

        private protected override EnvelopeExtras Extras()
        {
            var extras = base.Extras();
            extras.Device = DevicePassword == null || string.IsNullOrEmpty(DeviceGroupKey)
                ? null
                : new DeviceSecret { GroupKey = DeviceGroupKey, Password = Secrets.Reveal(DevicePassword, nameof(DevicePassword)) };
            extras.ChallengeParameters = StringMaps.FromHashtable(ChallengeParameter, nameof(ChallengeParameter));
            extras.TotpSecret = Secrets.Reveal(TotpSecret, nameof(TotpSecret));
            return extras;
        }
    }
}
